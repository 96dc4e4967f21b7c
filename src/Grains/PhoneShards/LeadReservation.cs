namespace Leadline.Grains.PhoneShards;

/// <summary>
/// The index change of one lead while its change is written: pending <see cref="LeadRef"/>s stand in the
/// lead's old and new places, so every decision that depends on the lead waits for <see cref="Commit"/>.
/// <see cref="Finish"/> keeps the change (pending refs marked to stay settle as committed leads, the others
/// go) or undoes it (the refs they stood in for come back), and only then completes <see cref="Commit"/>:
/// whoever waited decides again on an index that is already right.
/// </summary>
public sealed class LeadReservation(PhoneIndex index)
{
    private readonly TaskCompletionSource _done = new();
    private readonly List<(string E164, LeadRef? Before, LeadRef Pending, bool Stays)> _steps = [];

    public Task Commit => _done.Task;

    /// <summary>A pending ref for <paramref name="lead"/> as it is (same list and campaign).</summary>
    public LeadRef PendingCopyOf(LeadRef lead) => Pending(lead.LeadId, lead.ListId, lead.CampaignId, lead.CreatedAt);

    public LeadRef Pending(long leadId, long listId, long campaignId, DateTimeOffset createdAt) =>
        new(leadId, listId, campaignId, Commit, createdAt);

    /// <summary>
    /// Puts <paramref name="pending"/> where <paramref name="before"/> is under <paramref name="e164"/> (or
    /// adds it when <paramref name="before"/> is null). <paramref name="stays"/>: it remains when the change is kept.
    /// </summary>
    public void Place(string e164, LeadRef? before, LeadRef pending, bool stays)
    {
        if (before is null)
            index.AddLead(e164, pending);
        else
            index.ReplaceLead(e164, before.Value, pending);
        _steps.Add((e164, before, pending, stays));
    }

    public void Finish(bool keep)
    {
        foreach (var (e164, before, pending, stays) in _steps)
        {
            if (keep && stays)
                index.Settle(e164, pending);
            else if (keep || before is null)
                index.RemoveLead(e164, pending);
            else
                index.ReplaceLead(e164, pending, before.Value);
        }
        _done.TrySetResult();
    }
}
