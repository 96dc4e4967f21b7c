using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// POST /v1/dnc/delete: removes an entry, by id or by phone_number + campaign_id (absent = global). The
/// shard deletes the row and forgets the scope before the answer, so the next insert with check_dnc
/// passes. update_lead_status=1 with lead_status sets that status on the account's leads with the number
/// (only the campaign's leads for a campaign entry), in the same transaction as the delete.
/// </summary>
public static class DeleteEndpoint
{
    public static async Task HandleAsync(HttpContext http, ApiTokenAuthenticator auth, DncOperations operations)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Dnc);
        DncRemoved? removed = null;
        if (error is null)
            (removed, error) = await operations.RemoveAsync(call!.AccountId, call.Token.UserId, call.Values);
        if (error is not null)
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, error);
            return;
        }
        await ApiResponses.WriteSuccessAsync(http.Response, json =>
        {
            json.WriteString("id", ApiResponses.Id(removed!.Entry.Id));
            json.WriteBoolean("deleted", true);
            json.WriteNumber("leads_updated", removed.LeadsUpdated);
        });
    }
}
