using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// POST /v1/dnc/search: the account's DNC entries by id, campaign_id (0 = global ones), number (any
/// format), insert date and reason (-BLANK- / -NOTBLANK-), in id order, paged by offset and limit.
/// </summary>
public static class SearchEndpoint
{
    public static async Task HandleAsync(HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, DncQueries queries)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Dnc);
        DncSearchFilter? filter = null;
        if (error is null)
            (filter, error) = DncSearchParser.Parse(call!.AccountId, call.Values);
        if (error is null)
            error = await DncScopes.CheckAsync(directory, call!.AccountId, filter!.CampaignId ?? 0);
        if (error is null)
        {
            var (total, entries) = await queries.SearchAsync(filter!);
            await ApiResponses.WritePageAsync(http.Response, filter!.Offset, filter.Limit, total, entries, (json, entry) => entry.WriteFields(json));
            return;
        }
        await ConvosoResponses.WriteErrorAsync(http.Response, error!);
    }
}
