using System.Text.Json;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;
using static Leadline.ApiHost.Admin.AdminParameters;

namespace Leadline.ApiHost.Admin.Tokens;

/// <summary>
/// /v1/tokens/create, search, revoke (Leadline's; Convoso has no such API). The secret is in the create
/// answer only; searches show its last four characters. A revocation reaches every API host within
/// <see cref="ApiTokenAuthenticator.RevocationDelay"/>.
/// </summary>
public static class TokenEndpoints
{
    public const string TokenId = "token_id";
    public const string Scopes = "scopes";
    public const string Revoked = "revoked";
    public const int MaxNameLength = 100;

    public static readonly ApiEndpoint CreateContract = new(ApiScopes.Admin, ApiDialect.Convoso, "Create an API token (Leadline); the secret is answered once")
    {
        Parameters =
        [
            new(Name, ApiParameterType.Text, $"What the token is for, 1-{MaxNameLength} characters", Required: true),
            new(Scopes, ApiParameterType.Text, "Comma-separated, from " + string.Join(", ", ApiScopes.All), Required: true),
        ],
        ExampleAnswer = """{"success":true,"data":{"token_id":"7","name":"Vendor X","scopes":["leads"],"hint":"a1b2","created_at":"…","last_used_at":null,"revoked":false,"revoked_at":null,"auth_token":"ll_…"}}""",
    };

    public static readonly ApiEndpoint SearchContract = new(ApiScopes.Admin, ApiDialect.Convoso, "Search the account's API tokens (Leadline); never their secrets")
    {
        Parameters =
        [
            new(TokenId, ApiParameterType.Id, "Only this token"),
            new(Name, ApiParameterType.Text, "Tokens whose name contains this (any case)"),
            new(Revoked, ApiParameterType.Flag, "Only revoked (1) or active (0) tokens; absent: both"),
            .. PageParameters(),
        ],
        ExampleAnswer = """{"success":true,"data":{"offset":0,"limit":100,"total":"1","entries":[{"token_id":"7","name":"Vendor X","scopes":["leads"],"hint":"a1b2","created_at":"…","last_used_at":null,"revoked":false,"revoked_at":null}]}}""",
    };

    public static readonly ApiEndpoint RevokeContract = new(ApiScopes.Admin, ApiDialect.Convoso, "Revoke an API token (Leadline)")
    {
        Parameters = [new(TokenId, ApiParameterType.Id, "The token (6201 when unknown)", Required: true)],
        ExampleAnswer = """{"success":true,"data":{"token_id":"7","name":"Vendor X","scopes":["leads"],"hint":"a1b2","created_at":"…","last_used_at":null,"revoked":true,"revoked_at":"…","effective_within_seconds":5}}""",
    };

    public static void MapTokens(this IEndpointRouteBuilder v1)
    {
        v1.MapApi("tokens/create", CreateContract, CreateAsync);
        v1.MapApi("tokens/search", SearchContract, SearchAsync);
        v1.MapApi("tokens/revoke", RevokeContract, RevokeAsync);
    }

    private static async Task<ApiResult> CreateAsync(ApiRequest request, AccountProvisioner provisioner, TokenStore tokens)
    {
        var name = request.Text(Name, MaxNameLength, required: true)!;
        var (scopes, why) = TokenScopes.Parse(request.Required(Scopes));
        if (why is not null)
            return ApiResult.Refused(ConvosoErrors.Invalid(Scopes, why));

        var created = await provisioner.CreateTokenAsync(request.AccountId, name, scopes!);
        var token = await tokens.FindAsync(request.AccountId, created.TokenId);
        return ApiResult.Data(json =>
        {
            Write(json, token!);
            json.WriteString("auth_token", created.Secret); // shown this once; only its hash is kept
        });
    }

    private static async Task<ApiResult> SearchAsync(ApiRequest request, TokenStore tokens)
    {
        var filter = new TokenFilter(request.IdFilter(TokenId), request.Text(Name, MaxNameLength), request.OptionalFlag(Revoked));
        var page = request.Paging();
        var (total, rows) = await tokens.SearchAsync(request.AccountId, filter, page);
        return ApiResult.Page(page.Offset, page.Limit, total, rows, Write);
    }

    /// <summary>Revoking a revoked token succeeds again (a retry must not look like a failure).</summary>
    private static async Task<ApiResult> RevokeAsync(ApiRequest request, AccountProvisioner provisioner, TokenStore tokens)
    {
        var tokenId = request.Id(TokenId, AdminErrors.NoSuchToken);
        await provisioner.RevokeTokenAsync(request.AccountId, tokenId);
        if (await tokens.FindAsync(request.AccountId, tokenId) is not { } token)
            return ApiResult.Refused(AdminErrors.NoSuchToken);
        return ApiResult.Data(json =>
        {
            Write(json, token);
            json.WriteNumber("effective_within_seconds", (int)ApiTokenAuthenticator.RevocationDelay.TotalSeconds);
        });
    }

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
