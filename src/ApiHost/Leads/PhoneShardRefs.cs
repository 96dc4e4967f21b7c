using System.Collections.Concurrent;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Leads.Insert;
using Leadline.Grains.PhoneShards;

namespace Leadline.ApiHost.Leads;

/// <summary>
/// Grain references for phone shards, made once per (account, shard): building one per request
/// (key formatting and GrainId parsing) showed up in the insert profile.
/// </summary>
public sealed class PhoneShardRefs(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<(long AccountId, int Shard), IPhoneShardGrain> _refs = new();

    public IPhoneShardGrain For(long accountId, string e164) =>
        _refs.GetOrAdd((accountId, PhoneShardKey.ShardOf(e164)),
            static (key, factory) => factory.GetGrain<IPhoneShardGrain>(PhoneShardKey.For(key.AccountId, key.Shard)), grains);

    /// <summary>
    /// Inserts a validated lead into its resolved list through its phone's shard, for the insert API, the import
    /// API and the dashboard's import jobs alike. An archived list's leads are kept but never dialed, so they do
    /// not enter the hopper.
    /// </summary>
    public Task<InsertOutcome> InsertAsync(ListInfo list, InsertLeadRequest lead, long createdByUserId) =>
        For(list.AccountId, lead.Phone.E164).InsertAsync(new LeadInsertCommand(
            list.AccountId, list.ListId, list.CampaignId, lead.Phone, lead.Dedup,
            list.Archived ? null : lead.Hopper, lead.Fields, createdByUserId));
}
