using Leadline.ApiHost.Auth;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Leadline.ApiHost.Accounts;

public sealed record CreatedToken(long TokenId, string Secret);

/// <summary>
/// Creates the things an account is made of. Used by the demo seed, the tests, and (later) the admin
/// API and dashboard, so there is one way to make a token or an operator.
/// </summary>
public sealed class AccountProvisioner(NpgsqlDataSource db)
{
    /// <summary>The display name of every token's user in Manage Leads.</summary>
    public const string ApiUserName = "System API User";

    private static readonly PasswordHasher<string> Passwords = new();

    public Task<long> CreateAccountAsync(string name) =>
        InsertAsync("INSERT INTO accounts (name) VALUES ($1) RETURNING account_id", name);

    public Task<long> CreateOperatorAsync(long accountId, string login, string password, string displayName) =>
        InsertAsync(
            "INSERT INTO users (account_id, kind, display_name, login, password_hash) VALUES ($1, 'operator', $2, $3, $4) RETURNING user_id",
            accountId, displayName, login, Passwords.HashPassword(login, password));

    public Task<long> CreateCampaignAsync(long accountId, string name) =>
        InsertAsync("INSERT INTO campaigns (account_id, name) VALUES ($1, $2) RETURNING campaign_id", accountId, name);

    public Task<long> CreateListAsync(long accountId, long campaignId, string name, bool archived = false) =>
        InsertAsync(
            "INSERT INTO lists (account_id, campaign_id, name, archived) VALUES ($1, $2, $3, $4) RETURNING list_id",
            accountId, campaignId, name, archived);

    public Task<long> CreateCustomFieldAsync(long accountId, string name, int maxLength) =>
        InsertAsync(
            "INSERT INTO custom_field_definitions (account_id, name, label, max_length) VALUES ($1, $2, $2, $3) RETURNING 1::bigint",
            accountId, name, maxLength);

    /// <summary>Each token gets its own API user; the secret is returned here once and never stored.</summary>
    public async Task<CreatedToken> CreateTokenAsync(long accountId, string name, IReadOnlyList<string> scopes)
    {
        var secret = ApiTokenSecret.Generate();
        var userId = await InsertAsync(
            "INSERT INTO users (account_id, kind, display_name) VALUES ($1, 'api', $2) RETURNING user_id", accountId, ApiUserName);
        var tokenId = await InsertAsync(
            "INSERT INTO api_tokens (account_id, user_id, name, token_hash, token_hint, scopes) VALUES ($1, $2, $3, $4, $5, $6) RETURNING token_id",
            accountId, userId, name, ApiTokenSecret.Hash(secret), ApiTokenSecret.Hint(secret), scopes.ToArray());
        return new CreatedToken(tokenId, secret);
    }

    public async Task<bool> RevokeTokenAsync(long accountId, long tokenId)
    {
        await using var cmd = db.CreateCommand(
            "UPDATE api_tokens SET revoked_at = now() WHERE account_id = $1 AND token_id = $2 AND revoked_at IS NULL");
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = accountId });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = tokenId });
        return await cmd.ExecuteNonQueryAsync() == 1;
    }

    private async Task<long> InsertAsync(string sql, params object[] values)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var value in values)
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
