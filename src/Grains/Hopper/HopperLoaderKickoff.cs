using Leadline.Grains.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Leadline.Grains.Hopper;

/// <summary>
/// At silo start: gives older leads their dial region (DialRegionBackfill), then wakes the hopper of every active
/// campaign with a hopper level, so a campaign whose hopper has never been active (or whose loader reminder was
/// never written) starts loading without anyone pulling first. Once awake, a hopper keeps itself going with its
/// reminder; waking one twice (from two silos) only runs an extra loader cycle.
/// </summary>
public sealed class HopperLoaderKickoff(
    NpgsqlDataSource db, DialRegionBackfill backfill, IGrainFactory grains, IOptions<HopperOptions> options,
    ILogger<HopperLoaderKickoff> logger) : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CallingHours == CallingHoursMode.Ignore)
            logger.LogWarning("Calling hours are NOT enforced on this silo (Leadline:Hopper:CallingHours = Ignore): never dial real people with it");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var filled = await backfill.RunAsync(stoppingToken);
                if (filled > 0)
                    logger.LogInformation("Dial regions computed for {Count} older leads", filled);
                foreach (var campaignId in await ActiveCampaignsAsync(stoppingToken))
                    await WakeAsync(campaignId);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The silo (or PostgreSQL) may not be up yet: a hopper's own reminder takes over once it runs.
                logger.LogInformation("Hopper loader start postponed: {Error}", ex.Message);
                await Task.Delay(RetryEvery, stoppingToken);
            }
        }
    }

    private async Task WakeAsync(long campaignId)
    {
        try
        {
            await grains.GetGrain<IHopperGrain>(campaignId).LoadNowAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Hopper {Campaign}: not woken at start: {Error}", campaignId, ex.Message);
        }
    }

    private async Task<List<long>> ActiveCampaignsAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT campaign_id FROM campaigns WHERE status = 'active' AND hopper_level > 0");
        var campaigns = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            campaigns.Add(reader.GetInt64(0));
        return campaigns;
    }
}
