using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads.Import;
using Leadline.ApiHost.V1;

namespace Leadline.ApiHost.Leads.Changes;

/// <summary>
/// /v1/leads/update and /v1/leads/delete (token scope <c>leads</c>, Convoso dialect): one lead by lead_id,
/// through the phone shard that holds it, so dedup of later inserts sees the lead's new list, campaign and
/// phone, or no longer sees it at all.
/// </summary>
public static class LeadChangeEndpoints
{
    public static readonly ApiEndpoint UpdateContract = new(ApiScopes.Leads, ApiDialect.Convoso, "Update a lead (Convoso's Update Lead)")
    {
        Parameters = LeadUpdateParser.Catalog,
        TakesLeadFields = true,
        ExampleAnswer = """{"success":true,"data":{"lead_id":"123"},"id":"123"}""",
    };

    public static readonly ApiEndpoint DeleteContract = new(ApiScopes.Leads, ApiDialect.Convoso, "Delete a lead (Convoso's Delete Lead)")
    {
        Parameters = [new(LeadUpdateParser.LeadId, ApiParameterType.Id, "The lead to delete", Required: true)],
        ExampleAnswer = """{"success":true}""",
    };

    public static void MapLeadChanges(this IEndpointRouteBuilder v1)
    {
        v1.MapApi("leads/update", UpdateContract, UpdateAsync);
        v1.MapApi("leads/delete", DeleteContract, DeleteAsync);
        v1.MapLeadImport();
    }

    private static async Task<ApiResult> UpdateAsync(ApiRequest request, LeadChanges changes)
    {
        var answer = await changes.UpdateAsync(request.AccountId, request.Token.UserId, request.Values);
        request.Ignored = answer.Ignored;
        return answer.Error is { } refusal ? ApiResult.Refused(refusal) : LeadAnswers.Saved(answer.LeadId);
    }

    /// <summary>Convoso answers a delete with <c>{"success":true}</c> alone.</summary>
    private static async Task<ApiResult> DeleteAsync(ApiRequest request, LeadChanges changes)
    {
        var leadId = request.Id(LeadUpdateParser.LeadId, ConvosoErrors.NoSuchLead);
        return await changes.DeleteAsync(request.AccountId, request.Token.UserId, leadId) is { } refusal
            ? ApiResult.Refused(refusal)
            : ApiResult.Ok();
    }
}
