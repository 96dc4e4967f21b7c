using Leadline.Grains.Hopper;
using Leadline.Grains.PhoneShards;

namespace Leadline.ApiHost.Admin.Lists;

/// <summary>
/// What a list change means outside the lists table: every phone shard of the account learns of it
/// (their dedup decisions depend on a list's archived flag and campaign), and hoppers drop the leads that
/// may no longer be dialed from them. Each step is idempotent, so a request that failed half-way is
/// simply repeated.
/// </summary>
public sealed class ListFanOut(IGrainFactory grains, ListStore lists)
{
    public Task SetArchivedAsync(long accountId, long listId, bool archived) =>
        Task.WhenAll(Shards(accountId).Select(shard => shard.SetListArchivedAsync(listId, archived)));

    public Task SetCampaignAsync(long accountId, long listId, long campaignId) =>
        Task.WhenAll(Shards(accountId).Select(shard => shard.SetListCampaignAsync(listId, campaignId)));

    /// <summary>Takes the list's leads out of every hopper but <paramref name="keepCampaignId"/>'s; returns how many left.</summary>
    public async Task<int> RemoveFromHoppersAsync(long accountId, long listId, long keepCampaignId = 0)
    {
        var entries = await lists.HopperEntriesAsync(accountId, listId, keepCampaignId);
        var removed = await Task.WhenAll(entries.GroupBy(e => e.CampaignId).Select(campaign =>
            grains.GetGrain<IHopperGrain>(campaign.Key).RemoveManyAsync(campaign.Select(e => e.LeadId).ToArray())));
        return removed.Sum();
    }

    private IEnumerable<IPhoneShardGrain> Shards(long accountId) =>
        Enumerable.Range(0, PhoneShardKey.ShardCount).Select(shard => grains.GetGrain<IPhoneShardGrain>(PhoneShardKey.For(accountId, shard)));
}
