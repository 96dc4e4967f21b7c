using System.Text.Json;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using static Leadline.ApiHost.Admin.AdminParameters;

namespace Leadline.ApiHost.Admin.Tokens;

/// <summary>
/// /v1/tokens/create, search, revoke. The secret is in the create answer only; searches show its last
/// four characters. A revocation reaches every API host within <see cref="ApiTokenAuthenticator.RevocationDelay"/>.
/// </summary>
public static class TokenEndpoints
{
    public const string TokenId = "token_id";
    public const string Scopes = "scopes";
    public const string Revoked = "revoked";
    public const int MaxNameLength = 100;

    public static Task CreateAsync(HttpContext http, ApiTokenAuthenticator auth, AccountProvisioner provisioner, TokenStore tokens) =>
        AdminCall.RunAsync(http, auth, async call =>
        {
            if (!TryText(call.Values, Name, MaxNameLength, required: true, out var name, out var error))
                return error;
            if (ApiParameters.Get(call.Values, Scopes) is not { } scopeText)
                return ConvosoErrors.Required(Scopes);
            var (scopes, why) = TokenScopes.Parse(scopeText);
            if (why is not null)
                return ConvosoErrors.Invalid(Scopes, why);

            var created = await provisioner.CreateTokenAsync(call.AccountId, name!, scopes!);
            var token = await tokens.FindAsync(call.AccountId, created.TokenId);
            await ApiResponses.WriteSuccessAsync(http.Response, json =>
            {
                Write(json, token!);
                json.WriteString("auth_token", created.Secret); // shown this once; only its hash is kept
            });
            return null;
        });

    public static Task SearchAsync(HttpContext http, ApiTokenAuthenticator auth, TokenStore tokens) =>
        AdminCall.RunAsync(http, auth, async call =>
        {
            if (!TryIdFilter(call.Values, TokenId, out var tokenId, out var error)
                || !TryText(call.Values, Name, MaxNameLength, required: false, out var name, out error)
                || !TryFlag(call.Values, Revoked, out var revoked, out error)
                || !TryPage(call.Values, out var page, out error))
                return error;
            var (total, rows) = await tokens.SearchAsync(call.AccountId, new TokenFilter(tokenId, name, revoked), page);
            await ApiResponses.WritePageAsync(http.Response, page.Offset, page.Limit, total, rows, Write);
            return null;
        });

    /// <summary>Revoking a revoked token succeeds again (a retry must not look like a failure).</summary>
    public static Task RevokeAsync(HttpContext http, ApiTokenAuthenticator auth, AccountProvisioner provisioner, TokenStore tokens) =>
        AdminCall.RunAsync(http, auth, async call =>
        {
            if (!ApiParameters.TryId(call.Values, TokenId, AdminErrors.NoSuchToken, out var tokenId, out var error))
                return error;
            await provisioner.RevokeTokenAsync(call.AccountId, tokenId);
            if (await tokens.FindAsync(call.AccountId, tokenId) is not { } token)
                return AdminErrors.NoSuchToken;
            await ApiResponses.WriteSuccessAsync(http.Response, json =>
            {
                Write(json, token);
                json.WriteNumber("effective_within_seconds", (int)ApiTokenAuthenticator.RevocationDelay.TotalSeconds);
            });
            return null;
        });

    private static void Write(Utf8JsonWriter json, TokenRow token)
    {
        json.WriteString("token_id", ApiResponses.Id(token.TokenId));
        json.WriteString("name", token.Name);
        json.WriteStartArray("scopes");
        foreach (var scope in token.Scopes)
            json.WriteStringValue(scope);
        json.WriteEndArray();
        json.WriteString("hint", token.Hint);
        ApiResponses.WriteTime(json, "created_at", token.CreatedAt);
        ApiResponses.WriteTime(json, "last_used_at", token.LastUsedAt);
        json.WriteBoolean("revoked", token.RevokedAt is not null);
        ApiResponses.WriteTime(json, "revoked_at", token.RevokedAt);
    }
}
