using Leadline.Grains.Storage;

namespace Leadline.Grains.Hopper;

/// <summary>
/// Tells each campaign's hopper about the entries a write batch just committed: one one-way message per
/// campaign per batch, not one per lead. Should a message be lost with a silo, the hopper still finds
/// the rows when it next loads.
/// </summary>
public sealed class HopperFeed(IGrainFactory grains)
{
    public void Committed(IEnumerable<LeadWrite> writes)
    {
        foreach (var campaign in writes.Select(w => w.Hopper).OfType<HopperRow>().GroupBy(r => r.CampaignId))
            _ = grains.GetGrain<IHopperGrain>(campaign.Key).EntriesCommittedAsync(campaign.Select(r => r.Entry).ToArray());
    }
}
