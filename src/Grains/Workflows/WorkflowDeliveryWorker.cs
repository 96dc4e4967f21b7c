using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Leadline.Grains.Workflows;

/// <summary>
/// Every silo runs one: it claims due deliveries (shared with the other silos' workers through the
/// table), runs them and writes back the outcome. Nothing lives only in memory: a silo that dies
/// mid-delivery leaves a claim that times out, and another silo delivers again (at least once).
/// </summary>
public sealed class WorkflowDeliveryWorker(
    WorkflowDeliveryStore store,
    DeliveryRunner runner,
    IOptions<WorkflowOptions> options,
    ILocalSiloDetails silo,
    ILogger<WorkflowDeliveryWorker> logger) : BackgroundService
{
    private readonly WorkflowOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var siloName = silo.SiloAddress.ToParsableString();
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                var due = await store.ClaimDueAsync(siloName, _options.BatchSize, _options.ClaimTimeout, stoppingToken);
                claimed = due.Count;
                await Parallel.ForEachAsync(due,
                    new ParallelOptions { MaxDegreeOfParallelism = _options.BatchSize, CancellationToken = stoppingToken },
                    (claim, ct) => DeliverAsync(claim, siloName, ct));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Usually the database; claims made before the failure come due again by themselves.
                logger.LogWarning("Workflow delivery round failed: {Error}", ex.Message);
            }

            // A full batch means more may be due: go on at once.
            if (claimed < _options.BatchSize)
                await DelayAsync(stoppingToken);
        }
    }

    private async ValueTask DeliverAsync(ClaimedDelivery claim, string siloName, CancellationToken ct)
    {
        try
        {
            if (await store.LoadAsync(claim, ct) is not { } work)
                return;
            var result = await runner.RunAsync(work, ct);
            await store.FinishAsync(result, siloName, _options.MaxAttempts, ct);
            if (result.State == DeliveryState.Pending)
                logger.LogInformation("Workflow delivery {DeliveryId} attempt {Attempt} failed: {Error}",
                    claim.DeliveryId, claim.Attempt, result.LastError);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Workflow delivery {DeliveryId} could not run: {Error}", claim.DeliveryId, ex.Message);
        }
    }

    private async Task DelayAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(_options.PollInterval, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
