using Leadline.ApiHost.Auth;

namespace Leadline.ApiHost.Convoso;

/// <summary>
/// What every /v1 request resolves before its own parameters: the flat parameters (query + form body)
/// and a token of the required scope. Every endpoint acts only within <see cref="Token"/>'s account.
/// </summary>
public sealed record ApiCall(IReadOnlyDictionary<string, string> Values, ApiTokenIdentity Token)
{
    public const string AuthToken = "auth_token";

    public long AccountId => Token.AccountId;

    public static async Task<(ApiCall? Call, ConvosoError? Error)> OpenAsync(HttpContext http, ApiTokenAuthenticator auth, string scope)
    {
        FlatParameters.LimitBody(http);
        var (values, malformed) = await FlatParameters.ReadAsync(http.Request);
        if (malformed is not null)
            return (null, malformed);

        var (token, authError) = await auth.AuthenticateAsync(values!.GetValueOrDefault(AuthToken), scope);
        if (authError is not null)
            return (null, authError);
        return (new ApiCall(values!, token!), null);
    }
}
