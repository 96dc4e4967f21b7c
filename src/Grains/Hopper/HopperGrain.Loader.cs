using Leadline.Grains.Campaigns;

namespace Leadline.Grains.Hopper;

public sealed partial class HopperGrain
{
    // CONTRACT STUB (issue 13): the loader lands here.
    public Task DialSettingsChangedAsync(CampaignDialSettings settings) => Task.CompletedTask;

    public Task<HopperLoadResult> LoadNowAsync() => throw new NotImplementedException();
}
