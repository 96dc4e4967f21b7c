using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads.Import;

namespace Leadline.ApiHost.Leads.Changes;

/// <summary>
/// POST /v1/leads/update and /v1/leads/delete: one lead by lead_id, through the phone shard that holds it,
/// so dedup of later inserts sees the lead's new list, campaign and phone, or no longer sees it at all.
/// </summary>
public static class LeadChangeEndpoints
{
    public static void MapLeadChanges(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/v1/leads/update", ["GET", "POST"], UpdateAsync);
        routes.MapMethods("/v1/leads/delete", ["GET", "POST"], DeleteAsync);
        routes.MapLeadImport();
    }

    private static async Task UpdateAsync(HttpContext http, ApiTokenAuthenticator auth, LeadChanges changes)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Leads);
        if (error is not null)
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, error);
            return;
        }
        var answer = await changes.UpdateAsync(call!.AccountId, call.Token.UserId, call.Values);
        await AnswerAsync(http, answer);
    }

    private static async Task DeleteAsync(HttpContext http, ApiTokenAuthenticator auth, LeadChanges changes)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Leads);
        if (error is null
            && ApiParameters.TryId(call!.Values, LeadUpdateParser.LeadId, ConvosoErrors.NoSuchLead, out var leadId, out error))
        {
            await AnswerAsync(http, new LeadChangeAnswer(leadId, [], await changes.DeleteAsync(call.AccountId, call.Token.UserId, leadId)));
            return;
        }
        await ConvosoResponses.WriteErrorAsync(http.Response, error!);
    }

    private static Task AnswerAsync(HttpContext http, LeadChangeAnswer answer) =>
        answer.Error is { } refusal
            ? ConvosoResponses.WriteErrorAsync(http.Response, refusal, answer.Ignored)
            : ConvosoResponses.WriteLeadSuccessAsync(http.Response, answer.LeadId, updated: false, answer.Ignored);
}
