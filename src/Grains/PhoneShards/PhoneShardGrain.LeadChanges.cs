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
                var (decided, refused) = await CheckNewPlaceAsync(command.Dedup, newE164, to, current.LeadId);
                if (!decided)
                    continue;
                if (refused is not null)
                    return refused;
            }

            // Reserve: the lead's new place, and while the phone changes also its old one, until the write is done.
            var reservation = new LeadReservation(_index);
            var moved = reservation.Pending(current.LeadId, to.ListId, to.CampaignId, current.CreatedAt);
            if (movesPhone)
            {
                reservation.Place(command.CurrentE164, current, reservation.PendingCopyOf(current), stays: false);
                reservation.Place(newE164, null, moved, stays: true);
            }
            else
                reservation.Place(command.CurrentE164, current, moved, stays: true);

            var leaveHopper = movesPhone || to.CampaignId != current.CampaignId ? current.CampaignId : (long?)null;
            var row = Row(command, to, leaveHopper);
            return await WriteAsync(reservation, () => Changes.UpdateAsync(row, CancellationToken.None), leaveHopper, command.LeadId);
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

            var reservation = new LeadReservation(_index);
            reservation.Place(e164, current, reservation.PendingCopyOf(current), stays: false);
            var row = new LeadDeleteRow(leadId, accountId, e164, current.CampaignId, deletedBy, clock.GetUtcNow());
            return await WriteAsync(reservation, () => Changes.DeleteAsync(row, CancellationToken.None), current.CampaignId, leadId);
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
            var (decided, refused) = await CheckNewPlaceAsync(command.Dedup, e164, to, command.LeadId);
            if (!decided)
                continue;
            if (refused is not null)
                return refused;

            var reservation = new LeadReservation(_index);
            reservation.Place(e164, null, reservation.Pending(command.LeadId, to.ListId, to.CampaignId, arrival.CreatedAt), stays: true);
            // A new phone always leaves the old campaign's hopper: the entry carries the number to dial.
            var row = Row(command, to, arrival.From.CampaignId);
            return await WriteAsync(reservation, () => Changes.UpdateAsync(row, CancellationToken.None), arrival.From.CampaignId, command.LeadId);
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

            var reservation = new LeadReservation(_index);
            reservation.Place(command.CurrentE164, current, reservation.PendingCopyOf(current), stays: false);
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
                if (outcome.Result == LeadChangeResult.StorageUnavailable)
                    this.DeactivateOnIdle(); // the other shard may have written after all: reload from the tables
                reservation.Finish(keep: outcome.Result == LeadChangeResult.Changed);
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
        if (_index.FindLead(e164, leadId) is not { } lead)
            return null;
        if (lead.IsCommitted)
            return new FoundLead(lead, true);
        await WaitQuietlyAsync(lead.Commit);
        return new FoundLead(lead, false);
    }

    /// <summary>
    /// check_dup / check_dnc for a lead taking <paramref name="to"/> and <paramref name="e164"/>, as an insert
    /// there would be checked, not counting the lead itself; Refused null = allowed. A decision resting on a
    /// pending lead waits for it and is not decided (the caller decides again); otherwise this completes
    /// without awaiting, so the caller reserves in the same turn.
    /// </summary>
    private async ValueTask<(bool Decided, LeadChangeOutcome? Refused)> CheckNewPlaceAsync(
        DedupOptions dedup, string e164, LeadPlacement to, long leadId)
    {
        var checks = dedup with { UpdateIfFound = false, SearchListId = null, SearchCampaignId = null };
        var decision = DedupPolicy.Decide(_index.Find(e164)?.WithoutLead(leadId), to.ListId, to.CampaignId, checks, _archivedLists.Contains);
        if (decision.Match is { IsCommitted: false } pending)
        {
            await WaitQuietlyAsync(pending.Commit);
            return (false, null);
        }
        return decision.Verdict switch
        {
            DedupVerdict.DoNotCall => (true, LeadChangeOutcome.Dnc),
            DedupVerdict.Duplicate => (true, new LeadChangeOutcome(LeadChangeResult.Duplicate, decision.Match!.Value.LeadId)),
            _ => (true, null),
        };
    }

    private LeadChangeRow Row(LeadUpdateCommand command, LeadPlacement to, long? leaveHopperOf) => new(
        command.LeadId, command.AccountId, command.CurrentE164, command.Phone, PhoneShardKey.ShardOf(command.Phone?.E164 ?? command.CurrentE164),
        to.ListId, to.CampaignId, command.Fields, command.ModifiedBy, clock.GetUtcNow(), leaveHopperOf);

    private sealed record FoundLead(LeadRef Lead, bool Ready);

    /// <summary>Writes a reserved change, then keeps or undoes the reservation and tells the hopper.</summary>
    private async Task<LeadChangeOutcome> WriteAsync(LeadReservation reservation, Func<Task<LeadChangeWritten>> write, long? leaveHopperOf, long leadId)
    {
        var written = LeadChangeWritten.LeadNotThere;
        var outcome = LeadChangeOutcome.Unavailable;
        try
        {
            (written, outcome) = await WriteChangeAsync(write, leadId);
        }
        finally
        {
            reservation.Finish(keep: outcome.Result == LeadChangeResult.Changed);
        }
        if (written == LeadChangeWritten.WrittenOutOfHopper && leaveHopperOf is { } campaignId)
            await LeaveHopperAsync(campaignId, leadId);
        return outcome;
    }

    /// <summary>
    /// Runs a change's transaction. An outage answers Unavailable and makes the shard reload (the commit may
    /// have happened); a lead the table no longer has as this shard believes it means the shard is stale.
    /// </summary>
    private async Task<(LeadChangeWritten, LeadChangeOutcome)> WriteChangeAsync(Func<Task<LeadChangeWritten>> write, long leadId)
    {
        try
        {
            var written = await write();
            if (written != LeadChangeWritten.LeadNotThere)
                return (written, new LeadChangeOutcome(LeadChangeResult.Changed, leadId));
            logger.LogWarning("Phone shard {Key}: lead {LeadId} was not as this shard knew it; reloading", this.GetPrimaryKeyString(), leadId);
            this.DeactivateOnIdle();
            return (written, LeadChangeOutcome.NoSuchLead);
        }
        catch (Exception ex) when (StorageFailures.IsTransient(ex))
        {
            logger.LogWarning("Phone shard {Key}: change of lead {LeadId} failed: {Error}", this.GetPrimaryKeyString(), leadId, ex.Message);
            this.DeactivateOnIdle();
            return (LeadChangeWritten.LeadNotThere, LeadChangeOutcome.Unavailable);
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
    private async Task LeaveHopperAsync(long campaignId, long leadId)
    {
        try
        {
            await GrainFactory.GetGrain<IHopperGrain>(campaignId).RemoveAsync(leadId);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Phone shard {Key}: hopper {Campaign} not told that lead {LeadId} left: {Error}",
                this.GetPrimaryKeyString(), campaignId, leadId, ex.Message);
        }
    }
}
