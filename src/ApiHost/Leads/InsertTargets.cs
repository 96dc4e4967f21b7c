using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Convoso;
using Leadline.Grains.PhoneShards;

namespace Leadline.ApiHost.Leads;

/// <summary>
/// The ids an insert names besides its lead — the list it goes into and update_if_found's search list and
/// campaign — resolved within the account, for the insert and import APIs alike. Another account's id is
/// "no such", as one that does not exist.
/// </summary>
public static class InsertTargets
{
    public static async Task<(ListInfo? List, ConvosoError? Error)> ResolveAsync(
        AccountDirectory directory, long accountId, long listId, DedupOptions dedup)
    {
        var list = await directory.FindListAsync(accountId, listId);
        if (list is null || (dedup.SearchListId is { } searchList && await directory.FindListAsync(accountId, searchList) is null))
            return (null, ConvosoErrors.NoSuchList);
        if (dedup.SearchCampaignId is { } searchCampaign && await directory.FindCampaignAsync(accountId, searchCampaign) is null)
            return (null, ConvosoErrors.NoSuchCampaign);
        return (list, null);
    }
}
