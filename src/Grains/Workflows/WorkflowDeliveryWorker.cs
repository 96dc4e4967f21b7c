using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Leadline.Grains.Workflows;

/// <summary>
/// Every silo runs one: it claims due deliveries (shared with the other silos' workers through the
/// table), runs them and writes back the outcome. Nothing lives only in memory: a silo that dies
/// mid-delivery — or before its results are written — leaves a claim that times out, and another silo
/// delivers again (at least once).
/// Up to <see cref="WorkflowOptions.MaxInFlight"/> run at once; a slot that frees is refilled at once,
/// so one slow receiver does not hold back the deliveries claimed with it. Results go to one writer
/// (<see cref="DeliveryFinisher"/>) that commits together whatever finished while it wrote the last
/// batch: a commit per batch, not per delivery.
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
        var finisher = new DeliveryFinisher(
            (results, ct) => store.FinishAsync(results, siloName, _options.MaxAttempts, ct), _options, logger);
        using var slots = new SemaphoreSlim(_options.MaxInFlight, _options.MaxInFlight);
        var running = new HashSet<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var free = 1;
                while (slots.Wait(0))
                    free++;

                var due = await ClaimQuietlyAsync(siloName, free, stoppingToken);
                if (free > due.Count)
                    slots.Release(free - due.Count);
                foreach (var work in due)
                {
                    var task = RunAsync(work, finisher, slots, stoppingToken);
                    lock (running)
                        running.Add(task);
                    _ = task.ContinueWith(t => { lock (running) running.Remove(t); }, TaskScheduler.Default);
                }

                // Nothing due (or the database is away): look again after a while.
                if (due.Count == 0)
                    await Task.Delay(_options.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        Task[] left;
        lock (running)
            left = [.. running];
        await Task.WhenAll(left); // cancelled with the silo; their claims come due elsewhere
        await finisher.CompleteAsync(); // what did finish is written, so it is not delivered again
    }

    private async Task<List<DeliveryWork>> ClaimQuietlyAsync(string siloName, int count, CancellationToken ct)
    {
        try
        {
            return await store.ClaimDueAsync(siloName, count, _options.ClaimTimeout, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Workflow deliveries could not be claimed: {Error}", ex.Message);
            return [];
        }
    }

    private async Task RunAsync(DeliveryWork work, DeliveryFinisher finisher, SemaphoreSlim slots, CancellationToken ct)
    {
        try
        {
            await Task.Yield(); // the claiming loop goes on while this delivery runs
            var result = await runner.RunAsync(work, ct);
            if (result.State == DeliveryState.Pending)
                logger.LogInformation("Workflow delivery {DeliveryId} attempt {Attempt} failed: {Error}",
                    work.Claim.DeliveryId, work.Claim.Attempt, result.LastError);
            // Waits only when the writer is behind: the slot is held until the result is queued.
            await finisher.AddAsync(result, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The claim stays and comes due again after ClaimTimeout.
            logger.LogWarning("Workflow delivery {DeliveryId} could not run: {Error}", work.Claim.DeliveryId, ex.Message);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            slots.Release();
        }
    }
}
