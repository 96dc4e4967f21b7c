using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;
using static Leadline.ApiHost.DncApi.DncParameters;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// /v1/dnc/delete (Convoso's Delete DNC): removes an entry, by phone_number + campaign_id (absent = global), or
/// by id. The shard deletes the row and forgets the scope before the answer, so the next insert with check_dnc
/// passes. update_lead_status (a flag) with lead_status sets that status on the account's leads with the
/// number (only the campaign's leads for a campaign entry), in the same transaction as the delete.
/// </summary>
public static class DeleteEndpoint
{
    public static readonly ApiEndpoint Contract = new(ApiScopes.Dnc, ApiDialect.Convoso, "Delete a DNC entry (Convoso's Delete DNC)")
    {
        Parameters =
        [
            new(PhoneNumber, ApiParameterType.Phone, "The entry's number, in any common format (required unless id is given)"),
            new(PhoneCode, ApiParameterType.Integer, "Country calling code; default 1"),
            new(CampaignId, ApiParameterType.Integer, "The entry's scope: 0 or absent is the account-wide (global) list"),
            new(Id, ApiParameterType.Id, "Leadline: the entry's id, instead of phone_number + campaign_id"),
            new(UpdateLeadStatus, ApiParameterType.Flag, "Also set lead_status on the leads with the number in the entry's scope"),
            new(LeadStatus, ApiParameterType.Text, "The status to set when update_lead_status is on; at most 32 characters"),
        ],
        ExampleAnswer = """{"success":true,"data":{"id":"17","deleted":true,"leads_updated":2}}""",
    };

    internal static async Task<ApiResult> HandleAsync(ApiRequest request, DncOperations operations)
    {
        var (removed, error) = await operations.RemoveAsync(request.AccountId, request.Token.UserId, request.Values);
        if (error is not null)
            return ApiResult.Refused(error);
        return ApiResult.Data(json =>
        {
            json.WriteString("id", ApiResponses.Id(removed!.Entry.Id));
            json.WriteBoolean("deleted", true);
            json.WriteNumber("leads_updated", removed.LeadsUpdated);
        });
    }
}
