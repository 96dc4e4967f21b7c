using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.Admin;

/// <summary>
/// Runs one admin request: a token with the <c>admin</c> scope, then the action, which writes its own
/// success answer or returns the refusal to write. Refusals by a rule are HTTP 200 with a Convoso code,
/// as on Convoso's own endpoints.
/// </summary>
public static class AdminCall
{

    public static async Task RunAsync(HttpContext http, ApiTokenAuthenticator auth, Func<ApiCall, Task<ConvosoError?>> action)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Admin);
        error ??= await action(call!);
        if (error is not null)
            await ConvosoResponses.WriteErrorAsync(http.Response, error);
    }
}
