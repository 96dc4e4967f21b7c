using Leadline.Grains.Hopper;
using Leadline.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Leadline.Grains.Campaigns;

/// <summary>
/// One campaign's dial settings (key: campaign id), read from its campaigns row on first use and cached for the
/// activation: the hopper asks this grain, never SQL per pull. A change is written to the row first, then cached,
/// then sent one-way to the campaign's hopper (which drops its copy). Not reentrant: an update and a refresh take
/// turns, so the cache is always the last row this grain read or wrote.
/// <para>
/// The row can change behind the grain (campaigns/status, a direct SQL edit): <c>RefreshAsync</c> rereads it; the
/// admin API calls it after every status change. "No such campaign" is not cached, so a campaign created after a
/// lookup of its id is seen.
/// </para>
/// </summary>
[GrainType("campaign")] // short: reminder and storage keys carry the type name (ORLEANS-NOTES)
public sealed class CampaignGrain(CampaignDialSettingsStore store, ILogger<CampaignGrain> logger) : Grain, ICampaignGrain
{
    private CampaignDialSettings? _settings;

    private long CampaignId => this.GetPrimaryKeyLong();

    public async Task<CampaignDialSettings?> GetDialSettingsAsync() =>
        _settings ??= await DurablyAsync(() => store.ReadAsync(CampaignId, CancellationToken.None));

    public async Task<CampaignDialSettings?> UpdateDialSettingsAsync(CampaignDialSettings settings)
    {
        // The API and the dashboard check first and answer the problem; reaching here invalid is a caller's defect.
        if (CampaignDialSettingsRules.Validate(settings) is { } problem)
            throw new ArgumentException($"Campaign {CampaignId}: invalid {problem.Setting}: {problem.Text}", nameof(settings));
        var stored = await DurablyAsync(() => store.WriteAsync(CampaignId, settings, CancellationToken.None));
        return Remember(stored);
    }

    public async Task RefreshAsync() =>
        Remember(await DurablyAsync(() => store.ReadAsync(CampaignId, CancellationToken.None)));

    private CampaignDialSettings? Remember(CampaignDialSettings? stored)
    {
        _settings = stored;
        if (stored is not null)
            // One-way ([OneWay] on the interface): the hopper may be busy loading; it must not hold this grain up.
            _ = GrainFactory.GetGrain<IHopperGrain>(CampaignId).DialSettingsChangedAsync(stored);
        return stored;
    }

    private async Task<T> DurablyAsync<T>(Func<Task<T>> io)
    {
        try
        {
            return await io();
        }
        catch (Exception ex) when (StorageFailures.IsTransient(ex))
        {
            logger.LogWarning("Campaign {Campaign}: storage unavailable: {Error}", CampaignId, ex.Message);
            throw new StorageUnavailableException($"Campaign {CampaignId}: storage unavailable");
        }
    }
}
