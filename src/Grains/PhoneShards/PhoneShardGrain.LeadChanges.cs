using Leadline.Grains.Hopper;
using Leadline.Grains.Leads;
using Leadline.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Leadline.Grains.PhoneShards;

/// <summary>
/// Updates, list moves, phone changes and deletes of leads this shard holds. Like an insert, each change
/// decides and changes the index with no await in between: the lead's old and new places hold a pending
/// <see cref="LeadRef"/> while the change is written, so every other decision that depends on the lead
/// (an insert's check_dup, another change of the same lead) waits for the outcome. A write that fails puts
/// the old <see cref="LeadRef"/> back; one whose outcome is unknown also makes the shard reload.
/// </summary>
public sealed partial class PhoneShardGrain
{
    private static readonly LeadFields NoFields = new([], []);
    private static readonly DedupOptions NoChecks = new(DupScope.None, false, false, false);

    private LeadChangeStore? _changes;
    private LeadChangeStore Changes => _changes ??= ServiceProvider.GetRequiredService<LeadChangeStore>();

    public Task<LeadChangeOutcome> MoveLeadAsync(long leadId, string e164, long newListId, long newCampaignId) =>
        UpdateLeadAsync(new LeadUpdateCommand(
            _accountId, leadId, e164, null, new LeadPlacement(newListId, newCampaignId), NoFields, NoChecks, ModifiedBy: null));

    public async Task<LeadChangeOutcome> UpdateLeadAsync(LeadUpdateCommand command)
    {
        EnsureOwned(command.AccountId, command.CurrentE164);
        var newE164 = command.Phone?.E164 ?? command.CurrentE164;
        if (PhoneShardKey.ShardOf(newE164) != _shard)
            return await SendLeadAsync(command);

        while (true)
        {
            if (await CurrentLeadAsync(command.CurrentE164, command.LeadId) is not { } found)
                return LeadChangeOutcome.NoSuchLead;
            var (current, ready) = found;
            if (!ready)
                continue;

            var to = command.Placement ?? new LeadPlacement(current.ListId, current.CampaignId);
            var movesPhone = newE164 != command.CurrentE164;
            if (movesPhone || to.ListId != current.ListId)
            {
                var (refused, waitFor) = CheckNewPlace(command.Dedup, newE164, to, current.LeadId);
                if (waitFor is not null)
                {
                    await WaitQuietlyAsync(waitFor);
                    continue;
                }
                if (refused is not null)
                    return refused;
            }

            // Reserve: the lead's new place, and while the phone changes also its old one, until the write is done.
            var done = new TaskCompletionSource();
            var moved = new LeadRef(current.LeadId, to.ListId, to.CampaignId, done.Task, current.CreatedAt);
            var holding = movesPhone ? Pending(current, done.Task) : null;
            _index.ReplaceLead(command.CurrentE164, current, holding ?? moved);
            if (movesPhone)
                _index.AddLead(newE164, moved);

            var leaveHopper = movesPhone || to.CampaignId != current.CampaignId ? current.CampaignId : (long?)null;
            var outcome = LeadChangeOutcome.Unavailable;
            try
            {
                outcome = await WriteChangeAsync(() => Changes.UpdateAsync(Row(command, to, leaveHopper), CancellationToken.None), command.LeadId);
            }
            finally
            {
                if (outcome.Result == LeadChangeResult.Changed)
                {
                    if (holding is not null)
                        _index.RemoveLead(command.CurrentE164, holding);
                }
                else
                {
                    if (movesPhone)
                        _index.RemoveLead(newE164, moved);
                    _index.ReplaceLead(command.CurrentE164, holding ?? moved, current);
                }
                done.SetResult();
            }
            await LeaveHopperAsync(outcome, leaveHopper, command.LeadId);
            return outcome;
        }
    }

    public async Task<LeadChangeOutcome> DeleteLeadAsync(long accountId, long leadId, string e164, long deletedBy)
    {
        EnsureOwned(accountId, e164);
        while (true)
        {
            if (await CurrentLeadAsync(e164, leadId) is not { } found)
                return LeadChangeOutcome.NoSuchLead;
            var (current, ready) = found;
            if (!ready)
                continue;

            var done = new TaskCompletionSource();
            var deleting = Pending(current, done.Task);
            _index.ReplaceLead(e164, current, deleting);
            var outcome = LeadChangeOutcome.Unavailable;
            try
            {
                var row = new LeadDeleteRow(leadId, accountId, e164, current.CampaignId, deletedBy, clock.GetUtcNow());
                outcome = await WriteChangeAsync(() => Changes.DeleteAsync(row, CancellationToken.None), leadId);
            }
            finally
            {
                if (outcome.Result == LeadChangeResult.Changed)
                    _index.RemoveLead(e164, deleting);
                else
                    _index.ReplaceLead(e164, deleting, current);
                done.SetResult();
            }
            await LeaveHopperAsync(outcome, current.CampaignId, leadId);
            return outcome;
        }
    }

    public async Task<LeadChangeOutcome> ReceiveLeadAsync(LeadArrival arrival)
    {
        var command = arrival.Update;
        var e164 = command.Phone?.E164 ?? throw new ArgumentException("A lead arrives only with a new phone");
        EnsureOwned(command.AccountId, e164);
        var to = command.Placement ?? arrival.From;
        while (true)
        {
            var (refused, waitFor) = CheckNewPlace(command.Dedup, e164, to, command.LeadId);
            if (waitFor is not null)
            {
                await WaitQuietlyAsync(waitFor);
                continue;
            }
            if (refused is not null)
                return refused;

            var done = new TaskCompletionSource();
            var arrived = new LeadRef(command.LeadId, to.ListId, to.CampaignId, done.Task, arrival.CreatedAt);
            _index.AddLead(e164, arrived);
            var outcome = LeadChangeOutcome.Unavailable;
            try
            {
                // A new phone always leaves the old campaign's hopper: the entry carries the number to dial.
                var row = Row(command, to, arrival.From.CampaignId);
                outcome = await WriteChangeAsync(() => Changes.UpdateAsync(row, CancellationToken.None), command.LeadId);
            }
            finally
            {
                if (outcome.Result != LeadChangeResult.Changed)
                    _index.RemoveLead(e164, arrived);
                done.SetResult();
            }
            await LeaveHopperAsync(outcome, arrival.From.CampaignId, command.LeadId);
            return outcome;
        }
    }

    /// <summary>
    /// The sending half of a phone change to another shard: holds the lead here (decisions on the old phone
    /// wait) while the new phone's shard decides and writes, then forgets the lead or puts it back.
    /// </summary>
    private async Task<LeadChangeOutcome> SendLeadAsync(LeadUpdateCommand command)
    {
        while (true)
        {
            if (await CurrentLeadAsync(command.CurrentE164, command.LeadId) is not { } found)
                return LeadChangeOutcome.NoSuchLead;
            var (current, ready) = found;
            if (!ready)
                continue;

            var done = new TaskCompletionSource();
            var holding = Pending(current, done.Task);
            _index.ReplaceLead(command.CurrentE164, current, holding);
            var outcome = LeadChangeOutcome.Unavailable;
            try
            {
                var target = GrainFactory.GetGrain<IPhoneShardGrain>(PhoneShardKey.For(_accountId, command.Phone!.E164));
                outcome = await target.ReceiveLeadAsync(
                    new LeadArrival(command, new LeadPlacement(current.ListId, current.CampaignId), current.CreatedAt));
            }
            catch (Exception ex)
            {
                logger.LogWarning("Phone shard {Key}: moving lead {LeadId} to another shard failed: {Error}",
                    this.GetPrimaryKeyString(), command.LeadId, ex.Message);
            }
            finally
            {
                if (outcome.Result == LeadChangeResult.Changed)
                    _index.RemoveLead(command.CurrentE164, holding);
                else
                    _index.ReplaceLead(command.CurrentE164, holding, current);
                if (outcome.Result == LeadChangeResult.StorageUnavailable)
                    this.DeactivateOnIdle(); // the other shard may have written after all: reload from the tables
                done.SetResult();
            }
            return outcome;
        }
    }

    /// <summary>
    /// The lead under <paramref name="e164"/>: null when this shard does not hold it; not ready when it had
    /// to wait for a pending write of it (the caller looks again).
    /// </summary>
    private async Task<FoundLead?> CurrentLeadAsync(string e164, long leadId)
    {
        var lead = _index.FindLead(e164, leadId);
        if (lead is null)
            return null;
        if (lead.IsCommitted)
            return new FoundLead(lead, true);
        await WaitQuietlyAsync(lead.Commit);
        return new FoundLead(lead, false);
    }

    /// <summary>
    /// check_dup / check_dnc for a lead taking <paramref name="to"/> and <paramref name="e164"/>, as an insert
    /// there would be checked, not counting the lead itself. A decision resting on a pending lead waits for it.
    /// </summary>
    private (LeadChangeOutcome? Refused, Task? WaitFor) CheckNewPlace(DedupOptions dedup, string e164, LeadPlacement to, long leadId)
    {
        var checks = dedup with { UpdateIfFound = false, SearchListId = null, SearchCampaignId = null };
        var decision = DedupPolicy.Decide(_index.Find(e164)?.WithoutLead(leadId), to.ListId, to.CampaignId, checks, _archivedLists.Contains);
        if (decision.Match is { IsCommitted: false } pending)
            return (null, pending.Commit);
        return decision.Verdict switch
        {
            DedupVerdict.DoNotCall => (LeadChangeOutcome.Dnc, null),
            DedupVerdict.Duplicate => (new LeadChangeOutcome(LeadChangeResult.Duplicate, decision.Match!.LeadId), null),
            _ => (null, null),
        };
    }

    private LeadChangeRow Row(LeadUpdateCommand command, LeadPlacement to, long? leaveHopperOf) => new(
        command.LeadId, command.AccountId, command.CurrentE164, command.Phone, PhoneShardKey.ShardOf(command.Phone?.E164 ?? command.CurrentE164),
        to.ListId, to.CampaignId, command.Fields, command.ModifiedBy, clock.GetUtcNow(), leaveHopperOf);

    private sealed record FoundLead(LeadRef Lead, bool Ready);

    private static LeadRef Pending(LeadRef lead, Task commit) =>
        new(lead.LeadId, lead.ListId, lead.CampaignId, commit, lead.CreatedAt);

    /// <summary>
    /// Runs a change's transaction. An outage answers Unavailable and makes the shard reload (the commit may
    /// have happened); a lead the table no longer has as this shard believes it means the shard is stale.
    /// </summary>
    private async Task<LeadChangeOutcome> WriteChangeAsync(Func<Task<bool>> write, long leadId)
    {
        try
        {
            if (await write())
                return new LeadChangeOutcome(LeadChangeResult.Changed, leadId);
            logger.LogWarning("Phone shard {Key}: lead {LeadId} was not as this shard knew it; reloading", this.GetPrimaryKeyString(), leadId);
            this.DeactivateOnIdle();
            return LeadChangeOutcome.NoSuchLead;
        }
        catch (Exception ex) when (StorageFailures.IsTransient(ex))
        {
            logger.LogWarning("Phone shard {Key}: change of lead {LeadId} failed: {Error}", this.GetPrimaryKeyString(), leadId, ex.Message);
            this.DeactivateOnIdle();
            return LeadChangeOutcome.Unavailable;
        }
        catch (Exception ex)
        {
            // Npgsql's exceptions cannot cross the wire; the values were validated, so this is a defect.
            throw new InvalidOperationException($"Change of lead {leadId} failed: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>
    /// The hopper's row went with the change; this drops the entry from the hopper grain's memory. Should
    /// the call fail, the pull-time check still refuses a deleted lead or one now in another campaign.
    /// </summary>
    private async Task LeaveHopperAsync(LeadChangeOutcome outcome, long? campaignId, long leadId)
    {
        if (outcome.Result != LeadChangeResult.Changed || campaignId is not { } campaign)
            return;
        try
        {
            await GrainFactory.GetGrain<IHopperGrain>(campaign).RemoveAsync(leadId);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Phone shard {Key}: hopper {Campaign} not told that lead {LeadId} left: {Error}",
                this.GetPrimaryKeyString(), campaign, leadId, ex.Message);
        }
    }
}
