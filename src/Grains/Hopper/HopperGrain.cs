using Microsoft.Extensions.DependencyInjection;
using Leadline.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Leadline.Grains.Hopper;

/// <summary>
/// One campaign's hopper. Not reentrant: pulls, acks and releases of a campaign take turns, so no entry
/// is ever leased twice. Every change is written to hopper_entries before memory changes and before the
/// caller hears of it, so leases survive a silo crash and the queue rebuilds from the table.
/// <para>
/// Expiry: an expired entry is never handed out (checked at pull); a grain timer sweeps every second
/// while the hopper is active, and a durable reminder, held while any entry has an expiry, wakes the
/// hopper after a crash or deactivation. A sweep removes the entries and records their HOPPER_EXPIRE
/// events in one statement. A leased entry expires only when its lease ends unacked.
/// </para>
/// <para>
/// Calling hours: each entry sits in its region's sub-queue (see HopperQueue) and a pull takes only from regions
/// whose hours are open now (HopperGrain.Loader.cs keeps each region's answer until it can change). The loader in
/// the same file keeps the hopper filled from the campaign's lists.
/// </para>
/// </summary>
[GrainType("hopper")]
public sealed partial class HopperGrain(
    HopperStore store,
    HopperLoaderStore loaderStore,
    IOptions<HopperOptions> options,
    [FromKeyedServices(LeadlineClock.Key)] TimeProvider clock,
    ILogger<HopperGrain> logger) : Grain, IHopperGrain, IRemindable
{
    private const string ExpiryReminder = "expiry";
    private static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(1);
    /// <summary>How often the queue is checked against its table (see <see cref="ReconcileAsync"/>).</summary>
    public static readonly TimeSpan ReconcileEvery = TimeSpan.FromSeconds(30);

    private readonly HopperQueue _queue = new();
    private IGrainReminder? _reminder;
    private DateTimeOffset _reconciledAt;

    private long CampaignId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        var stored = await DurablyAsync(() => store.LoadAsync(CampaignId, ct));
        var now = clock.GetUtcNow();
        _queue.EnsureCapacity(stored.Count);
        foreach (var row in stored)
        {
            if (row.LeaseId is { } leaseId && row.LeasedUntil > now)
                _queue.RestoreLease(row.Entry, leaseId, row.Dialer ?? "", row.LeasedUntil.Value);
            else
                _queue.Upsert(row.Entry); // a lease that ran out while nobody held the hopper is READY again
        }
        logger.LogDebug("Hopper {Campaign} loaded {Ready} ready, {Leased} leased", CampaignId, _queue.ReadyCount, _queue.LeasedCount);
        _reconciledAt = now;
        await StartLoaderAsync();

        this.RegisterGrainTimer(_ => SweepQuietlyAsync(), new GrainTimerCreationOptions
        {
            DueTime = SweepEvery,
            Period = SweepEvery,
            Interleave = false,
            KeepAlive = false,
        });
        _reminder = await this.GetReminder(ExpiryReminder);
        await KeepReminderRightAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == LoaderReminder)
            await LoadQuietlyAsync();
        else
            await SweepQuietlyAsync();
    }

    /// <summary>Expires what is due: READY entries past their expiry, and lapsed leases of expired entries.</summary>
    private async Task SweepAsync()
    {
        var now = clock.GetUtcNow();
        await SettleLapsedLeasesAsync(now);
        _queue.ForgetGoneBefore(now - TimeSpan.FromMinutes(10));
        var expired = _queue.ExpiredReady(now);
        if (expired.Count > 0)
            await ExpireAsync(expired.Select(e => e.LeadId).ToArray(), now);
        if (now - _reconciledAt >= ReconcileEvery)
            await ReconcileAsync(now);
        await KeepReminderRightAsync();
    }

    /// <summary>
    /// Brings the queue back in line with hopper_entries when they differ (count and sum of lead ids): a commit notice is a
    /// one-way message and is lost if the inserting silo dies between its commit and the send, and other
    /// parts of the system may delete rows. Rows the queue lacks become READY entries (unless it let
    /// them go more recently); READY entries whose rows are gone leave. Cheap when nothing differs: one aggregate.
    /// </summary>
    private async Task ReconcileAsync(DateTimeOffset now)
    {
        _reconciledAt = now;
        if (await DurablyAsync(() => store.FingerprintAsync(CampaignId, CancellationToken.None)) == _queue.Fingerprint())
            return;
        var stored = await DurablyAsync(() => store.LoadAsync(CampaignId, CancellationToken.None));
        var inTable = new HashSet<long>(stored.Count);
        var added = 0;
        foreach (var row in stored)
        {
            inTable.Add(row.Entry.LeadId);
            if (row.LeaseId is null && !_queue.Contains(row.Entry.LeadId) && _queue.Upsert(row.Entry))
                added++;
        }
        var dropped = _queue.ReadyLeadIds().Where(id => !inTable.Contains(id)).ToList();
        foreach (var leadId in dropped)
            _queue.Remove(leadId, now);
        logger.LogInformation("Hopper {Campaign} reconciled with its table: {Added} added, {Dropped} dropped", CampaignId, added, dropped.Count);
    }

    private async Task SweepQuietlyAsync()
    {
        try
        {
            await SweepAsync();
        }
        catch (Exception ex) when (ex is StorageUnavailableException || StorageFailures.IsTransient(ex))
        {
            logger.LogWarning("Hopper {Campaign}: expiry sweep postponed: {Error}", CampaignId, ex.Message);
        }
    }

    private async Task ExpireAsync(long[] leadIds, DateTimeOffset now)
    {
        await DurablyAsync(() => store.ExpireAsync(CampaignId, leadIds, now, CancellationToken.None));
        foreach (var leadId in leadIds)
            _queue.Remove(leadId, now);
    }

    /// <summary>Holds the durable wake-up exactly while some entry has an expiry.</summary>
    private async Task KeepReminderRightAsync()
    {
        try
        {
            if (_queue.HasPendingExpiries && _reminder is null)
                _reminder = await this.RegisterOrUpdateReminder(ExpiryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            else if (!_queue.HasPendingExpiries && _reminder is not null)
            {
                await this.UnregisterReminder(_reminder);
                _reminder = null;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Hopper {Campaign}: expiry reminder not updated yet: {Error}", CampaignId, ex.Message);
        }
    }

    public async Task<HopperLease[]> PullAsync(int count, TimeSpan leaseFor, string dialer) =>
        (await PullManyAsync([new HopperPull(count, leaseFor, dialer)]))[0];

    /// <summary>
    /// Serves the pulls in order (the first takes the first entries in dial order) with one lease statement per
    /// round; a round leases only what it chose, and chosen entries that may not be dialed leave the hopper, so a
    /// pull short of its count takes the next ones in another round. The grain is not reentrant and writes each
    /// lease before it answers, so no entry is ever handed out twice, across pulls or across a crash.
    /// </summary>
    public async Task<HopperLease[][]> PullManyAsync(HopperPull[] pulls)
    {
        var now = clock.GetUtcNow();
        await SettleLapsedLeasesAsync(now);
        var answers = pulls.Select(p => new List<HopperLease>(Math.Max(0, p.Count))).ToArray();
        var dialers = pulls.Select(p => p.Dialer).ToArray();
        var until = pulls.Select(p => now + p.LeaseFor).ToArray();
        while (true)
        {
            var missing = pulls.Select((p, i) => Math.Max(0, p.Count - answers[i].Count)).ToArray();
            var candidates = _queue.PeekDialable(missing.Sum(), now, region => IsOpen(region, now));
            if (candidates.Count == 0)
                break;

            var wanted = new List<LeaseWanted>(candidates.Count);
            for (var pull = 0; pull < pulls.Length; pull++)
            {
                for (var n = 0; n < missing[pull] && wanted.Count < candidates.Count; n++)
                {
                    var candidate = candidates[wanted.Count];
                    wanted.Add(new LeaseWanted(candidate.LeadId, Guid.NewGuid(), pull + 1, candidate.Region, AttemptCap(candidate.Region)));
                }
            }
            var outcome = (await DurablyAsync(() => store.LeaseAsync(CampaignId, wanted, dialers, until, now, CancellationToken.None)))
                .ToDictionary(answer => answer.LeadId);
            for (var i = 0; i < wanted.Count; i++)
            {
                var (leadId, leaseId, pull, _, _) = wanted[i];
                if (!outcome.TryGetValue(leadId, out var answer))
                    continue;
                if (answer.Lead is { } lead)
                {
                    _queue.Lease(leadId, leaseId, dialers[pull - 1], until[pull - 1]);
                    answers[pull - 1].Add(new HopperLease(leaseId, lead, candidates[i].Priority, until[pull - 1]));
                }
                else if (answer.CappedUntil is { } cappedUntil)
                    _queue.Defer(leadId, cappedUntil); // its number is capped: it waits, like one outside its hours
                else if (answer.Moved)
                    _queue.Upsert(candidates[i] with { Region = answer.MovedTo }); // its lead changed region since it was queued
            }
            // Not answered: deleted, archived, now on DNC, or its row was deleted behind the hopper's back. Never handed
            // out, so it leaves the hopper (rare: a statement of its own, after the leases are safe in memory).
            var refused = wanted.Where(w => !outcome.ContainsKey(w.LeadId)).Select(w => w.LeadId).ToArray();
            if (refused.Length > 0 && !await TryDropAsync(refused, now))
                break; // the store is down: answer what was leased; the next pull tries these again
        }
        WakeLoaderWhenLow(now);
        return [.. answers.Select(a => a.ToArray())];
    }

    private async Task<bool> TryDropAsync(long[] leadIds, DateTimeOffset now)
    {
        try
        {
            await store.DeleteAsync(CampaignId, leadIds, CancellationToken.None);
        }
        catch (Exception ex) when (StorageFailures.IsTransient(ex))
        {
            logger.LogWarning("Hopper {Campaign}: undialable entries not dropped yet: {Error}", CampaignId, ex.Message);
            return false;
        }
        foreach (var leadId in leadIds)
            _queue.Remove(leadId, now);
        return true;
    }

    public async Task<HopperLeaseResult> AckAsync(Guid[] leaseIds, string? leadStatus)
    {
        await SettleLapsedLeasesAsync(clock.GetUtcNow()); // a lease that ran out is no longer the dialer's to ack
        var (known, unknown) = Split(leaseIds);
        if (known.Count > 0)
        {
            var now = clock.GetUtcNow();
            await DurablyAsync(() => store.AckAsync(CampaignId, known.Select(k => k.Entry.LeadId).ToArray(), leadStatus, now, CancellationToken.None));
            foreach (var (_, entry) in known)
                _queue.Remove(entry.LeadId, now);
        }
        return new HopperLeaseResult(known.Count, unknown);
    }

    public async Task<HopperLeaseResult> ReleaseAsync(Guid[] leaseIds)
    {
        await SettleLapsedLeasesAsync(clock.GetUtcNow());
        var (known, unknown) = Split(leaseIds);
        if (known.Count > 0)
        {
            await DurablyAsync(() => store.ReleaseAsync(CampaignId, known.Select(k => k.Entry.LeadId).ToArray(), CancellationToken.None));
            foreach (var (leaseId, _) in known)
                _queue.Release(leaseId);
        }
        return new HopperLeaseResult(known.Count, unknown);
    }

    public async Task<HopperStatus> StatusAsync()
    {
        var now = clock.GetUtcNow();
        await SettleLapsedLeasesAsync(now);
        return _queue.Status(now, region => IsOpen(region, now)) with { LastLoad = _lastLoad };
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

            var now = HopperTime.Now(clock);
            var entry = await store.UpsertAsync(CampaignId,
                new HopperEntry(leadId, priority, now, expiresInMinutes is { } minutes ? now.AddMinutes(minutes) : null), CancellationToken.None);
            var existed = _queue.Contains(leadId);
            _queue.Upsert(entry);
            await KeepReminderRightAsync();
            return existed ? HopperAddResult.Updated : HopperAddResult.Added;
        }
        catch (Exception ex) when (StorageFailures.IsTransient(ex))
        {
            return HopperAddResult.StorageUnavailable;
        }
    }

    public async Task<bool> RemoveAsync(long leadId)
    {
        // The row goes even when the queue has not heard of it yet (its commit notice still on the way).
        var rows = await DurablyAsync(() => store.DeleteAsync(CampaignId, [leadId], CancellationToken.None));
        return _queue.Remove(leadId, clock.GetUtcNow()) || rows > 0;
    }

    public async Task EntriesCommittedAsync(HopperEntry[] entries)
    {
        // A notice can be older than what this hopper already did with the entry (loaded at activation,
        // pulled, acked); the queue ignores anything older than what it holds or recently let go of.
        foreach (var entry in await WithRegionsAsync(entries))
            _queue.Upsert(entry);
        await KeepReminderRightAsync();
    }

    /// <summary>Lapsed leases go back to READY, or expire when their entry's expiry has passed meanwhile.</summary>
    private async Task SettleLapsedLeasesAsync(DateTimeOffset now)
    {
        var lapsed = _queue.LapsedLeases(now).Select(id => (LeaseId: id, Entry: _queue.FindLease(id)!.Value)).ToList();
        if (lapsed.Count == 0)
            return;
        var expired = lapsed.Where(l => l.Entry.ExpiresAt <= now).Select(l => l.Entry.LeadId).ToArray();
        var back = lapsed.Where(l => !(l.Entry.ExpiresAt <= now)).ToList();
        if (back.Count > 0)
        {
            await DurablyAsync(() => store.ReleaseAsync(CampaignId, back.Select(l => l.Entry.LeadId).ToArray(), CancellationToken.None));
            foreach (var (leaseId, _) in back)
                _queue.Release(leaseId);
        }
        if (expired.Length > 0)
            await ExpireAsync(expired, now);
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
