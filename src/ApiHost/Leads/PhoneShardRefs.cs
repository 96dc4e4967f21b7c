using System.Collections.Concurrent;
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
}
