using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// POST /v1/dnc/insert: adds a number to the account's DNC list (campaign_id 0 or absent) or a campaign's.
/// The phone's shard commits it and updates its index before the answer, so the next insert with
/// check_dnc=1 is refused; leads of the number in the scope leave their hoppers.
/// </summary>
public static class InsertEndpoint
{
    public static async Task HandleAsync(HttpContext http, ApiTokenAuthenticator auth, DncOperations operations)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Dnc);
        DncAdded? added = null;
        if (error is null)
            (added, error) = await operations.AddAsync(call!.AccountId, call.Values);
        if (error is not null)
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, error);
            return;
        }
        await ApiResponses.WriteSuccessAsync(http.Response, json =>
        {
            json.WriteString("id", ApiResponses.Id(added!.Id));
            json.WriteString("phone_number", added.Phone.National);
            json.WriteString("phone_code", ApiResponses.Id(added.Phone.CountryCode));
            json.WriteString("phone_e164", added.Phone.E164);
            json.WriteString("campaign_id", ApiResponses.Id(added.CampaignId));
            json.WriteNumber("hopper_removed", added.HopperRemoved);
        });
    }
}
