using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads;
using Leadline.Grains.PhoneShards;
using static Leadline.ApiHost.DncApi.DncParameters;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// POST /v1/dnc/insert: adds a number to the account's DNC list (campaign_id 0 or absent) or a campaign's.
/// The phone's shard commits it and updates its index before the answer, so the next insert with
/// check_dnc=1 is refused; leads of the number in the scope leave their hoppers.
/// </summary>
public static class InsertEndpoint
{
    public static async Task HandleAsync(HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory,
        PhoneShardRefs shards, DncHopperCleaner hoppers)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Dnc);
        if (error is null
            && TryPhone(Get(call!.Values, PhoneNumber), Get(call.Values, PhoneCode), out var phone, out error)
            && TryScope(Get(call.Values, CampaignId), out var campaignId, out error)
            && TryText(Get(call.Values, Reason), Reason, MaxTextLength, out var reason, out error)
            && TryText(Get(call.Values, Purpose), Purpose, MaxTextLength, out var purpose, out error)
            && (error = await DncScopes.CheckAsync(directory, call.AccountId, campaignId)) is null)
        {
            var outcome = await shards.For(call.AccountId, phone.E164)
                .AddDncBatchAsync(call.AccountId, [new DncNewEntry(phone, campaignId, reason, purpose)]);
            if (outcome.StorageUnavailable)
                error = ConvosoErrors.Unavailable;
            else if (outcome.Ids[0] == 0)
                error = DncErrors.AlreadyExists;
            else
            {
                var removed = await hoppers.RemoveAsync(outcome.Leads);
                await ApiResponses.WriteSuccessAsync(http.Response, json =>
                {
                    json.WriteString("id", ApiResponses.Id(outcome.Ids[0]));
                    json.WriteString("phone_number", phone.National);
                    json.WriteString("phone_code", ApiResponses.Id(phone.CountryCode));
                    json.WriteString("phone_e164", phone.E164);
                    json.WriteString("campaign_id", ApiResponses.Id(campaignId));
                    json.WriteNumber("hopper_removed", removed);
                });
                return;
            }
        }
        await ConvosoResponses.WriteErrorAsync(http.Response, error!);
    }
}
