namespace Leadline.Grains.Hopper;

public sealed partial class HopperGrain
{
    public async Task<int> RemoveManyAsync(long[] leadIds)
    {
        if (leadIds.Length == 0)
            return 0;
        // Deleted by id, not only what memory holds: an insert's commit notice may still be on its way.
        await DurablyAsync(() => store.DeleteAsync(CampaignId, leadIds, CancellationToken.None));
        var now = clock.GetUtcNow();
        var removed = leadIds.Distinct().Count(leadId => _queue.Remove(leadId, now));
        await KeepReminderRightAsync();
        return removed;
    }
}
