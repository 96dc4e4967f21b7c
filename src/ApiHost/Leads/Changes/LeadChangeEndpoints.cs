using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads.Import;
using Leadline.Grains.PhoneShards;

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

    private static async Task UpdateAsync(
        HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, PhoneShardRefs shards, LeadLocator locator)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Leads);
        if (error is not null)
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, error);
            return;
        }
        var (request, invalid) = LeadUpdateParser.Parse(call!.Values, await directory.GetCustomFieldsAsync(call.AccountId));
        if (invalid is not null)
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, invalid);
            return;
        }

        LeadPlacement? placement = null;
        if (request!.ListId is { } listId)
        {
            if (await directory.FindListAsync(call.AccountId, listId) is not { } list)
            {
                await ConvosoResponses.WriteErrorAsync(http.Response, ConvosoErrors.NoSuchList, request.Ignored);
                return;
            }
            placement = new LeadPlacement(list.ListId, list.CampaignId);
        }

        var outcome = await LeadChangeCall.SendAsync(locator, shards, call.AccountId, request.LeadId, (shard, e164) =>
            shard.UpdateLeadAsync(new LeadUpdateCommand(
                call.AccountId, request.LeadId, e164, request.Phone, placement, request.Fields, request.Dedup, call.Token.UserId)));
        await AnswerAsync(http, outcome, request.LeadId, request.Ignored);
    }

    private static async Task DeleteAsync(HttpContext http, ApiTokenAuthenticator auth, PhoneShardRefs shards, LeadLocator locator)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Leads);
        if (error is null
            && ApiParameters.TryId(call!.Values, LeadUpdateParser.LeadId, ConvosoErrors.NoSuchLead, ParameterErrors.Convoso, out var leadId, out error))
        {
            var outcome = await LeadChangeCall.SendAsync(locator, shards, call.AccountId, leadId, (shard, e164) =>
                shard.DeleteLeadAsync(call.AccountId, leadId, e164, call.Token.UserId));
            await AnswerAsync(http, outcome, leadId, []);
            return;
        }
        await ConvosoResponses.WriteErrorAsync(http.Response, error!);
    }

    private static Task AnswerAsync(HttpContext http, LeadChangeOutcome outcome, long leadId, IReadOnlyList<string> ignored) =>
        LeadChangeCall.ErrorOf(outcome) is { } refusal
            ? ConvosoResponses.WriteErrorAsync(http.Response, refusal, ignored)
            : ConvosoResponses.WriteLeadSuccessAsync(http.Response, leadId, updated: false, ignored);
}
