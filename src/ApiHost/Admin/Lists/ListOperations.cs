using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Admin.Campaigns;
using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.Admin.Lists;

/// <summary>A list as a change left it, and how many of its leads left a hopper because of it.</summary>
public sealed record ListChange(ListRow List, int RemovedFromHopper);

/// <summary>
/// The list changes the admin API and the dashboard share: the row, then every phone shard and hopper,
/// then this host's list cache. One place, so both paths reach the shards and hoppers the same way.
/// </summary>
public sealed class ListOperations(ListStore lists, CampaignStore campaigns, ListFanOut fanOut, AccountDirectory directory)
{
    /// <summary>A new list of one of the account's campaigns; null when the campaign is not the account's.</summary>
    public async Task<ListRow?> CreateAsync(long accountId, long campaignId, string name, string? description = null, bool active = true) =>
        await campaigns.FindAsync(accountId, campaignId) is null ? null : await lists.CreateAsync(accountId, campaignId, name, description, active);

    /// <summary>
    /// Renames, describes, sets the status of and/or moves the list to another campaign (null keeps what it
    /// has). Refusals (6002 no such list, 6004 unknown campaign) come before any change.
    /// </summary>
    public async Task<(ListChange? Change, ConvosoError? Error)> UpdateAsync(long accountId, long listId, ListUpdate update)
    {
        if (await lists.FindAsync(accountId, listId) is null)
            return (null, ConvosoErrors.NoSuchList);
        if (update.CampaignId is { } target && await campaigns.FindAsync(accountId, target) is null)
            return (null, AdminErrors.ListUnknownCampaign);

        var list = await lists.UpdateAsync(accountId, listId, update);
        if (list is null)
            return (null, ConvosoErrors.NoSuchList);
        var campaignId = update.CampaignId;
        var removed = 0;
        try
        {
            // Repeated even when the list is already there: a retry after a 503 completes the move.
            if (campaignId is { } moveTo)
            {
                await fanOut.SetCampaignAsync(accountId, listId, moveTo);
                removed = await fanOut.RemoveFromHoppersAsync(accountId, listId, keepCampaignId: moveTo);
            }
        }
        finally
        {
            directory.ForgetList(listId);
        }
        return (new ListChange(list, removed), null);
    }

    /// <summary>
    /// Archived leads stay (check_dup_archive finds them) but leave the hoppers and are skipped by the
    /// normal check_dup. Unarchiving does not put them back in a hopper. Null when the list is not the account's.
    /// </summary>
    public async Task<ListChange?> SetArchivedAsync(long accountId, long listId, bool archived)
    {
        var list = await lists.SetArchivedAsync(accountId, listId, archived);
        if (list is null)
            return null;
        var removed = 0;
        try
        {
            await fanOut.SetArchivedAsync(accountId, listId, archived);
            if (archived)
                removed = await fanOut.RemoveFromHoppersAsync(accountId, listId);
        }
        finally
        {
            directory.ForgetList(listId);
        }
        return new ListChange(list, removed);
    }
}
