using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Leadline.Grains.Hopper;
using Leadline.Grains.Leads;
using Leadline.Grains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Leadline.Grains.PhoneShards;

/// <summary>
/// The one place that decides duplicates and DNC for the phones of its shard. Reentrant so that
/// concurrent inserts can wait on the same group commit; every decision and the index change that
/// reserves the phone happen with no await in between, so concurrent posts of one number serialize
/// here and exactly one wins.
/// </summary>
[Reentrant]
[GrainType("phshard")]
public sealed partial class PhoneShardGrain(
    PhoneShardStore store,
    LeadIdAllocator ids,
    LeadBatchWriter writer,
    [FromKeyedServices(LeadlineClock.Key)] TimeProvider clock,
    ILogger<PhoneShardGrain> logger) : Grain, IPhoneShardGrain
{
    private PhoneIndex _index = new();
    private HashSet<long> _archivedLists = [];
    private long _accountId;
    private int _shard;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        (_accountId, _shard) = PhoneShardKey.Parse(this.GetPrimaryKeyString());
        var started = Stopwatch.GetTimestamp();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        try
        {
            (_index, _archivedLists) = await store.LoadAsync(_accountId, _shard, ct);
        }
        catch (Exception ex) when (StorageFailures.IsTransient(ex))
        {
            // Npgsql's exceptions cannot cross the wire; the API host answers this one with 503.
            logger.LogWarning("Phone shard {Key} could not load: {Error}", this.GetPrimaryKeyString(), ex.Message);
            throw new StorageUnavailableException($"Phone shard {this.GetPrimaryKeyString()} could not load its phones");
        }
        // Information: an activation's load time is what an operator (and bench/memory-bench.sh) looks for.
        // The silo's CPU meanwhile (all its threads) tells a slow load from a busy machine.
        logger.LogInformation("Phone shard {Key} loaded {Leads} leads of {Phones} phones in {LoadMs:F1} ms (silo CPU {CpuMs:F0} ms)",
            this.GetPrimaryKeyString(), _index.LeadCount, _index.PhoneCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds);
    }

    public async Task<InsertOutcome> InsertAsync(LeadInsertCommand command)
    {
        EnsureOwned(command.AccountId, command.Phone.E164);
        while (true)
        {
            command = WithCurrentCampaign(command);
            var decision = DedupPolicy.Decide(
                _index.Find(command.Phone.E164), command.ListId, command.CampaignId, command.Dedup, _archivedLists.Contains);

            // A decision that rests on a lead still in a write batch waits for it: should that write
            // fail, the lead never existed and the decision is made again.
            if (decision.Match is { IsCommitted: false } pending)
            {
                await WaitQuietlyAsync(pending.Commit);
                continue;
            }

            switch (decision.Verdict)
            {
                case DedupVerdict.DoNotCall:
                    return InsertOutcome.Dnc;
                case DedupVerdict.Duplicate:
                    return new InsertOutcome(InsertResult.Duplicate, decision.Match!.Value.LeadId);
                case DedupVerdict.UpdateExisting:
                    return await UpdateAsync(decision.Match!.Value, command);
            }

            if (!ids.TryTake(out var leadId))
            {
                if (!await TryAwaitIdsAsync())
                    return InsertOutcome.Unavailable;
                continue; // state may have changed while waiting: decide again
            }
            return await InsertNewAsync(leadId, command);
        }
    }

    private async Task<InsertOutcome> InsertNewAsync(long leadId, LeadInsertCommand command)
    {
        var now = HopperTime.Now(clock); // PostgreSQL precision: the hopper compares insertion times
        var region = DialRegionColumn.Resolve(command.Phone, command.Fields);
        var row = new NewLeadRow(
            leadId, command.AccountId, command.ListId, command.CampaignId, command.Phone, _shard,
            command.Fields, command.CreatedByUserId, now, HopperRowFor(command.CampaignId, leadId, command, now, region), region);

        // Pending until the write's outcome is known; then it settles as a packed committed lead (no Task
        // kept per lead) or goes, and only after that do the decisions waiting on it run again.
        var commit = new TaskCompletionSource();
        var lead = new LeadRef(leadId, command.ListId, command.CampaignId, commit.Task, now);
        _index.AddLead(command.Phone.E164, lead);
        try
        {
            await writer.WriteAsync(row);
        }
        catch (Exception ex)
        {
            _index.RemoveLead(command.Phone.E164, lead);
            commit.SetException(ex);
            _ = commit.Task.Exception; // observed: the waiters only need to know it is over
            return FailedWrite(ex);
        }
        _index.Settle(command.Phone.E164, lead);
        commit.SetResult();
        return new InsertOutcome(InsertResult.Inserted, leadId);
    }

    private async Task<InsertOutcome> UpdateAsync(LeadRef existing, LeadInsertCommand command)
    {
        var now = HopperTime.Now(clock); // PostgreSQL precision: the hopper compares insertion times
        var update = new LeadFieldsUpdate(
            existing.LeadId, command.AccountId, command.Fields, command.CreatedByUserId, now,
            HopperRowFor(existing.CampaignId, existing.LeadId, command, now, HopperEntry.RegionInTable));
        try
        {
            await writer.WriteAsync(update);
            return new InsertOutcome(InsertResult.Updated, existing.LeadId);
        }
        catch (Exception ex)
        {
            return FailedWrite(ex);
        }
    }

    public Task SetListArchivedAsync(long listId, bool archived)
    {
        if (archived)
            _archivedLists.Add(listId);
        else
            _archivedLists.Remove(listId);
        return Task.CompletedTask;
    }

    private static HopperRow? HopperRowFor(long campaignId, long leadId, LeadInsertCommand command, DateTimeOffset now, string? region)
    {
        if (command.Hopper is not { } hopper)
            return null;
        var expiresAt = hopper.ExpiresInMinutes is { } minutes ? now.AddMinutes(minutes) : (DateTimeOffset?)null;
        return new HopperRow(campaignId, new HopperEntry(leadId, hopper.Priority, now, expiresAt, region));
    }

    private async Task<bool> TryAwaitIdsAsync()
    {
        try
        {
            await ids.EnsureAvailableAsync();
            return true;
        }
        catch (Exception ex) when (StorageFailures.IsTransient(ex))
        {
            logger.LogWarning("Could not reserve lead ids: {Error}", ex.Message);
            return false;
        }
    }

    private static async Task WaitQuietlyAsync(Task commit)
    {
        try
        {
            await commit;
        }
        catch
        {
            // The failed insert answers its own caller; this one only needed to know the outcome.
        }
    }

    private void EnsureOwned(long accountId, string e164)
    {
        if (accountId != _accountId || PhoneShardKey.ShardOf(e164) != _shard)
            throw new ArgumentException($"Phone does not belong to shard {this.GetPrimaryKeyString()}");
    }

    /// <summary>
    /// The answer to a write that did not commit: 503 for an outage; when the commit outcome is unknown,
    /// also a reload from the tables (what this shard believes may be wrong either way); anything else
    /// is a defect, raised as an exception Orleans can carry (the API logs it and answers 500).
    /// </summary>
    private InsertOutcome FailedWrite(Exception ex)
    {
        if (ex is CommitOutcomeUnknownException)
            this.DeactivateOnIdle();
        if (StorageFailures.IsTransient(ex))
            return InsertOutcome.Unavailable;
        throw new InvalidOperationException($"Lead write failed: {ex.GetType().Name}: {ex.Message}");
    }
}
