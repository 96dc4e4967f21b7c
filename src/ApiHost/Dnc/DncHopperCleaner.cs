using Leadline.Grains.Hopper;
using Leadline.Grains.PhoneShards;

namespace Leadline.ApiHost.DncApi;

/// <summary>
/// Takes leads a new DNC entry covers out of their campaigns' hoppers. The shard names the leads (it
/// knows every live lead of the number and its campaign), so no query scans the leads table.
/// </summary>
public sealed class DncHopperCleaner(IGrainFactory grains, ILogger<DncHopperCleaner> logger)
{
    /// <summary>How many of the leads were in a hopper and left it.</summary>
    public async Task<int> RemoveAsync(IReadOnlyCollection<DncLead> leads)
    {
        if (leads.Count == 0)
            return 0;
        try
        {
            var removed = await Task.WhenAll(leads.Select(l => grains.GetGrain<IHopperGrain>(l.CampaignId).RemoveAsync(l.LeadId)));
            return removed.Count(r => r);
        }
        catch (Exception ex)
        {
            // The DNC entry is committed; a hopper that could not be reached re-checks DNC at every pull,
            // so the lead is still never handed out. The caller must not retry the insert for this.
            logger.LogWarning("Removing {Count} DNC leads from hoppers failed: {Error}", leads.Count, ex.Message);
            return 0;
        }
    }
}
