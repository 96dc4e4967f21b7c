using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Leadline.ApiHost.Dashboard.Auth;

/// <summary>
/// Checks an operator's login and password against users (kind 'operator'). An unknown login costs the
/// same hash check as a wrong password and gets the same answer, so the form does not tell which logins exist.
/// </summary>
public sealed class OperatorLogin(NpgsqlDataSource db)
{
    public const string Scheme = "LeadlineOperator";
    public const string AccountIdClaim = "leadline:account_id";

    private static readonly PasswordHasher<string> Passwords = new();
    private static readonly string DummyHash = Passwords.HashPassword("nobody", Guid.NewGuid().ToString());

    public async Task<ClaimsPrincipal?> SignInAsync(string login, string password)
    {
        await using var cmd = db.CreateCommand(
            """
            SELECT u.user_id, u.account_id, u.display_name, u.password_hash, a.name
            FROM users u JOIN accounts a ON a.account_id = u.account_id
            WHERE u.kind = 'operator' AND u.login = $1 AND u.disabled_at IS NULL
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = login });
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            Passwords.VerifyHashedPassword("nobody", DummyHash, password);
            return null;
        }
        if (Passwords.VerifyHashedPassword(login, reader.GetString(3), password) == PasswordVerificationResult.Failed)
            return null;

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(AccountIdClaim, reader.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, reader.GetString(2)),
            new Claim(ClaimTypes.GroupSid, reader.GetString(4)),
        ], Scheme);
        return new ClaimsPrincipal(identity);
    }
}

public static class OperatorClaims
{
    /// <summary>The signed-in operator's account: every dashboard query is scoped by it.</summary>
    public static long AccountId(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(OperatorLogin.AccountIdClaim)
            ?? throw new InvalidOperationException("Not an operator session."), System.Globalization.CultureInfo.InvariantCulture);

    public static string AccountName(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.GroupSid) ?? "";
}

public static class OperatorUser
{
    /// <summary>The signed-in operator's user id: changes made on the pages are recorded as theirs.</summary>
    public static long UserId(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("Not an operator session."), System.Globalization.CultureInfo.InvariantCulture);
}
