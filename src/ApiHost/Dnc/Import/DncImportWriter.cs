using Leadline.ApiHost.Leads;
using Leadline.Grains;
using Leadline.Grains.PhoneShards;

namespace Leadline.ApiHost.DncApi.Import;

/// <summary>
/// Writes a chunk of valid import rows: one batch call per phone shard, a few in flight at once (each
/// shard commits its batch in one statement and updates its index), then the leads the new entries cover
/// leave their hoppers.
/// </summary>
public sealed class DncImportWriter(PhoneShardRefs shards, DncHopperCleaner hoppers)
{
    public const int ShardCallsInFlight = 4;

    public async Task<DncImportBatchResult> WriteAsync(long accountId, IReadOnlyList<DncNewEntry> rows)
    {
        var batches = rows.GroupBy(r => PhoneShardKey.ShardOf(r.Phone.E164)).Select(g => g.ToArray()).ToArray();
        var outcomes = new DncBatchOutcome[batches.Length];
        await Parallel.ForAsync(0, batches.Length, new ParallelOptions { MaxDegreeOfParallelism = ShardCallsInFlight }, async (i, _) =>
        {
            try
            {
                outcomes[i] = await shards.For(accountId, batches[i][0].Phone.E164).AddDncBatchAsync(accountId, batches[i]);
            }
            catch (Exception ex) when (ex is StorageUnavailableException or OrleansException or TimeoutException)
            {
                outcomes[i] = DncBatchOutcome.Unavailable; // a shard that could not load, or the cluster
            }
        });

        var written = outcomes.Where(o => !o.StorageUnavailable).ToList();
        var inserted = written.Sum(o => o.Ids.LongCount(id => id > 0));
        var alreadyExists = written.Sum(o => o.Ids.LongCount(id => id == 0));
        var removed = await hoppers.RemoveAsync(written.SelectMany(o => o.Leads).ToList());
        return new DncImportBatchResult(inserted, alreadyExists, removed, written.Count < outcomes.Length);
    }
}
