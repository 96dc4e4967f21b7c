using Leadline.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Leadline.Grains.Hopper;

/// <summary>
/// One campaign's hopper. Not reentrant: pulls, acks and releases of a campaign take turns, so no entry
/// is ever leased twice. Every change is written to hopper_entries before memory changes and before the
/// caller hears of it, so leases survive a silo crash and the queue rebuilds from the table.
/// </summary>
[GrainType("hopper")]
public sealed class HopperGrain(HopperStore store, TimeProvider clock, ILogger<HopperGrain> logger) : Grain, IHopperGrain
{
    private readonly HopperQueue _queue = new();

    private long CampaignId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        var stored = await DurablyAsync(() => store.LoadAsync(CampaignId, ct));
        var now = clock.GetUtcNow();
        foreach (var row in stored)
        {
            if (row.LeaseId is { } leaseId && row.LeasedUntil > now)
                _queue.RestoreLease(row.Entry, leaseId, row.Dialer ?? "", row.LeasedUntil.Value);
            else
                _queue.Upsert(row.Entry); // a lease that ran out while nobody held the hopper is READY again
        }
        logger.LogDebug("Hopper {Campaign} loaded {Ready} ready, {Leased} leased", CampaignId, _queue.ReadyCount, _queue.LeasedCount);
    }

    public async Task<HopperLease[]> PullAsync(int count, TimeSpan leaseFor, string dialer)
    {
        var now = clock.GetUtcNow();
        await ReturnLapsedLeasesAsync(now);
        var leases = new List<HopperLease>(count);
        while (leases.Count < count)
        {
            var candidates = _queue.PeekDialable(count - leases.Count, now);
            if (candidates.Count == 0)
                break;

            var ids = candidates.Select(c => c.Lead.LeadId).ToArray();
            var dialable = await DurablyAsync(() => store.DialableAsync(CampaignId, ids, CancellationToken.None));
            var refused = ids.Where(id => !dialable.Contains(id)).ToArray();
            if (refused.Length > 0)
            {
                // Deleted, archived or now on DNC: never handed out, so they leave the hopper.
                await DurablyAsync(() => store.DeleteAsync(CampaignId, refused, CancellationToken.None));
                foreach (var id in refused)
                    _queue.Remove(id);
            }

            var toLease = candidates.Where(c => dialable.Contains(c.Lead.LeadId)).ToList();
            if (toLease.Count == 0)
                continue;
            var leaseIds = toLease.Select(_ => Guid.NewGuid()).ToArray();
            var until = now + leaseFor;
            await DurablyAsync(() => store.LeaseAsync(
                CampaignId, toLease.Select(e => e.Lead.LeadId).ToArray(), leaseIds, dialer, until, CancellationToken.None));
            for (var i = 0; i < toLease.Count; i++)
            {
                _queue.Lease(toLease[i].Lead.LeadId, leaseIds[i], dialer, until);
                leases.Add(new HopperLease(leaseIds[i], toLease[i], until));
            }
        }
        return [.. leases];
    }

    public async Task<HopperLeaseResult> AckAsync(Guid[] leaseIds)
    {
        await ReturnLapsedLeasesAsync(clock.GetUtcNow()); // a lease that ran out is no longer the dialer's to ack
        var (known, unknown) = Split(leaseIds);
        if (known.Count > 0)
        {
            await DurablyAsync(() => store.DeleteAsync(CampaignId, known.Select(k => k.Entry.Lead.LeadId).ToArray(), CancellationToken.None));
            foreach (var (_, entry) in known)
                _queue.Remove(entry.Lead.LeadId);
        }
        return new HopperLeaseResult(known.Count, unknown);
    }

    public async Task<HopperLeaseResult> ReleaseAsync(Guid[] leaseIds)
    {
        await ReturnLapsedLeasesAsync(clock.GetUtcNow());
        var (known, unknown) = Split(leaseIds);
        if (known.Count > 0)
        {
            await DurablyAsync(() => store.ReleaseAsync(CampaignId, known.Select(k => k.Entry.Lead.LeadId).ToArray(), CancellationToken.None));
            foreach (var (leaseId, _) in known)
                _queue.Release(leaseId);
        }
        return new HopperLeaseResult(known.Count, unknown);
    }

    public async Task<HopperStatus> StatusAsync()
    {
        var now = clock.GetUtcNow();
        await ReturnLapsedLeasesAsync(now);
        return _queue.Status(now);
    }

    public async Task<HopperAddResult> AddAsync(long leadId, int priority, int? expiresInMinutes)
    {
        if (_queue.IsLeased(leadId))
            return HopperAddResult.NotAllowed;
        try
        {
            var lead = await store.FindLeadAsync(CampaignId, leadId, CancellationToken.None);
            if (lead is null)
                return HopperAddResult.NoSuchLead;
            if (!(await store.DialableAsync(CampaignId, [leadId], CancellationToken.None)).Contains(leadId))
                return HopperAddResult.NotAllowed;

            var now = clock.GetUtcNow();
            var entry = new HopperEntry(lead, priority, now, expiresInMinutes is { } minutes ? now.AddMinutes(minutes) : null);
            await store.UpsertAsync(CampaignId, entry, CancellationToken.None);
            var existed = _queue.Contains(leadId);
            _queue.Upsert(entry);
            return existed ? HopperAddResult.Updated : HopperAddResult.Added;
        }
        catch (Exception ex) when (StorageFailures.IsTransient(ex))
        {
            return HopperAddResult.StorageUnavailable;
        }
    }

    public async Task<bool> RemoveAsync(long leadId)
    {
        if (!_queue.Contains(leadId))
            return false;
        await DurablyAsync(() => store.DeleteAsync(CampaignId, [leadId], CancellationToken.None));
        return _queue.Remove(leadId);
    }

    public async Task EntriesCommittedAsync(HopperEntry[] entries)
    {
        // The notice may be older than what this hopper already did with the entry (loaded at activation,
        // pulled, acked): only entries whose READY row is still in the table as sent are taken.
        try
        {
            foreach (var entry in await store.StillReadyAsync(CampaignId, entries, CancellationToken.None))
                _queue.Upsert(entry);
        }
        catch (Exception ex) when (StorageFailures.IsTransient(ex))
        {
            logger.LogWarning("Hopper {Campaign} could not check new entries ({Error}); reloading", CampaignId, ex.Message);
            this.DeactivateOnIdle(); // the next activation loads them from the table
        }
    }

    private async Task ReturnLapsedLeasesAsync(DateTimeOffset now)
    {
        var lapsed = _queue.LapsedLeases(now);
        if (lapsed.Count == 0)
            return;
        var leadIds = lapsed.Select(id => _queue.FindLease(id)!.Lead.LeadId).ToArray();
        await DurablyAsync(() => store.ReleaseAsync(CampaignId, leadIds, CancellationToken.None));
        foreach (var leaseId in lapsed)
            _queue.Release(leaseId);
    }

    private (List<(Guid LeaseId, HopperEntry Entry)> Known, Guid[] Unknown) Split(Guid[] leaseIds)
    {
        var known = new List<(Guid, HopperEntry)>();
        var unknown = new List<Guid>();
        foreach (var leaseId in leaseIds.Distinct())
        {
            if (_queue.FindLease(leaseId) is { } entry)
                known.Add((leaseId, entry));
            else
                unknown.Add(leaseId);
        }
        return (known, [.. unknown]);
    }

    /// <summary>Npgsql's exceptions cannot cross the wire: an outage becomes one the API answers with 503.</summary>
    private async Task<T> DurablyAsync<T>(Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (Exception ex) when (StorageFailures.IsTransient(ex))
        {
            logger.LogWarning("Hopper {Campaign}: storage unavailable: {Error}", CampaignId, ex.Message);
            throw new StorageUnavailableException($"Hopper {CampaignId}: storage unavailable");
        }
    }

    private Task DurablyAsync(Func<Task> write) => DurablyAsync(async () =>
    {
        await write();
        return true;
    });
}
