using Leadline.Grains.Leads;
using Leadline.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Leadline.Grains.PhoneShards;

/// <summary>
/// DNC changes. Each pairs a write to the dnc table with a change of the index; the grain is reentrant,
/// so they run one at a time (<see cref="_dncGate"/>) or two of them could leave the index disagreeing
/// with the table. A scope is added to the index before its write (an insert deciding meanwhile is
/// refused rather than let through after the API answered) and removed only after its write committed;
/// when a write's outcome is unknown the shard reloads from the tables.
/// </summary>
public sealed partial class PhoneShardGrain
{
    private readonly SemaphoreSlim _dncGate = new(1, 1);
    private DncStore? _dncStore;

    // The insert file owns the constructor; DNC's store is resolved here so that file stays untouched.
    private DncStore DncTable => _dncStore ??= ServiceProvider.GetRequiredService<DncStore>();

    public async Task<DncAddOutcome> AddDncAsync(long accountId, NormalizedPhone phone, long campaignId, string? reason)
    {
        var outcome = await AddDncBatchAsync(accountId, [new DncNewEntry(phone, campaignId, reason, null)]);
        if (outcome.StorageUnavailable)
            return new DncAddOutcome(DncAddResult.StorageUnavailable, 0);
        return outcome.Ids[0] > 0
            ? new DncAddOutcome(DncAddResult.Added, outcome.Ids[0])
            : new DncAddOutcome(DncAddResult.AlreadyExists, 0);
    }

    public async Task<DncBatchOutcome> AddDncBatchAsync(long accountId, DncNewEntry[] entries)
    {
        foreach (var entry in entries)
            EnsureOwned(accountId, entry.Phone.E164);
        await _dncGate.WaitAsync();
        try
        {
            // A repeat within the batch is written once; the first one wins, as in a file read top-down.
            var firsts = entries.DistinctBy(e => (e.Phone.E164, e.CampaignId)).ToList();
            foreach (var entry in firsts)
                _index.AddDnc(entry.Phone.E164, entry.CampaignId);

            List<(long DncId, string E164, long CampaignId)> added;
            try
            {
                added = await DncTable.InsertAsync(accountId, _shard, firsts, CancellationToken.None);
            }
            catch (Exception ex)
            {
                return FailedDncWrite<DncBatchOutcome>(ex, DncBatchOutcome.Unavailable);
            }

            var newIds = added.ToDictionary(a => (a.E164, a.CampaignId), a => a.DncId);
            var ids = new long[entries.Length];
            for (var i = 0; i < entries.Length; i++)
                ids[i] = newIds.Remove((entries[i].Phone.E164, entries[i].CampaignId), out var id) ? id : 0;
            var leads = added.SelectMany(a => LeadsCovered(a.E164, a.CampaignId)).Distinct().ToArray();
            return new DncBatchOutcome(false, ids, leads);
        }
        finally
        {
            _dncGate.Release();
        }
    }

    public async Task<DncChangeOutcome> RemoveDncAsync(long accountId, DncEntryKey entry, string? leadStatus, long modifiedByUserId)
    {
        EnsureOwned(accountId, entry.E164);
        await _dncGate.WaitAsync();
        try
        {
            DncLead[]? statusChanged;
            try
            {
                var leadIds = leadStatus is null ? [] : LeadsCovered(entry.E164, entry.CampaignId).Select(l => l.LeadId).ToArray();
                statusChanged = await DncTable.DeleteAsync(accountId, entry, leadStatus, leadIds, modifiedByUserId, CancellationToken.None);
            }
            catch (Exception ex)
            {
                return FailedDncWrite(ex, DncChangeOutcome.Of(DncChangeResult.StorageUnavailable));
            }
            if (statusChanged is null)
                return DncChangeOutcome.Of(DncChangeResult.NotFound);
            _index.RemoveDnc(entry.E164, entry.CampaignId);
            return new DncChangeOutcome(DncChangeResult.Done, statusChanged);
        }
        finally
        {
            _dncGate.Release();
        }
    }

    public async Task<DncChangeOutcome> UpdateDncAsync(long accountId, DncEntryKey current, DncNewEntry replacement)
    {
        var e164 = replacement.Phone.E164;
        EnsureOwned(accountId, e164);
        await _dncGate.WaitAsync();
        try
        {
            var moved = current.E164 != e164 || current.CampaignId != replacement.CampaignId;
            var newScope = moved && _index.AddDnc(e164, replacement.CampaignId);
            DncUpdateResult result;
            try
            {
                result = await DncTable.UpdateAsync(accountId, _shard, current, replacement, CancellationToken.None);
            }
            catch (Exception ex)
            {
                return FailedDncWrite(ex, DncChangeOutcome.Of(DncChangeResult.StorageUnavailable));
            }

            switch (result)
            {
                case DncUpdateResult.NotFound:
                    if (newScope)
                        _index.RemoveDnc(e164, replacement.CampaignId);
                    return DncChangeOutcome.Of(DncChangeResult.NotFound);
                case DncUpdateResult.AlreadyExists:
                    return DncChangeOutcome.Of(DncChangeResult.AlreadyExists); // that other row keeps the scope in the index
            }
            if (!moved)
                return DncChangeOutcome.Of(DncChangeResult.Done);
            if (PhoneShardKey.ShardOf(current.E164) == _shard)
                _index.RemoveDnc(current.E164, current.CampaignId);
            return new DncChangeOutcome(DncChangeResult.Done, [.. LeadsCovered(e164, replacement.CampaignId)]);
        }
        finally
        {
            _dncGate.Release();
        }
    }

    public async Task<DncChangeResult> SyncDncAsync(long accountId, string e164, long campaignId)
    {
        EnsureOwned(accountId, e164);
        await _dncGate.WaitAsync();
        try
        {
            bool exists;
            try
            {
                exists = await DncTable.ExistsAsync(accountId, e164, campaignId, CancellationToken.None);
            }
            catch (Exception ex)
            {
                return FailedDncWrite(ex, DncChangeResult.StorageUnavailable);
            }
            if (exists)
                _index.AddDnc(e164, campaignId);
            else
                _index.RemoveDnc(e164, campaignId);
            return DncChangeResult.Done;
        }
        finally
        {
            _dncGate.Release();
        }
    }

    /// <summary>The shard's live leads with the number that a DNC scope covers (0 = every campaign).</summary>
    private IEnumerable<DncLead> LeadsCovered(string e164, long campaignId) =>
        _index.Find(e164)?.Leads.Where(l => campaignId == 0 || l.CampaignId == campaignId).Select(l => new DncLead(l.LeadId, l.CampaignId))
        ?? [];

    /// <summary>
    /// After a failed DNC statement the index may disagree with the table (a scope added ahead of a write
    /// that may or may not have committed), so the shard reloads on its next call. Outages answer
    /// <paramref name="unavailable"/> (503); anything else is a defect, raised as an exception Orleans can carry.
    /// </summary>
    private T FailedDncWrite<T>(Exception ex, T unavailable)
    {
        this.DeactivateOnIdle();
        if (StorageFailures.IsTransient(ex))
            return unavailable;
        throw new InvalidOperationException($"DNC write failed: {ex.GetType().Name}: {ex.Message}");
    }
}
