using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Leadline.Grains.Workflows;

/// <summary>
/// Group commit of delivery results: one loop writes whatever results are queued, up to
/// <see cref="WorkflowOptions.FinishBatchSize"/> per statement, so results that finish while a batch
/// commits share the next commit. A result is written at most once here; one that is never written
/// (the batch failed, the silo died) leaves its claim to time out and the delivery is made again:
/// at least once, as before batching.
/// </summary>
public sealed class DeliveryFinisher
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    private readonly Func<IReadOnlyList<DeliveryResult>, CancellationToken, Task> _write;
    private readonly WorkflowOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<DeliveryResult> _queue;
    private readonly CancellationTokenSource _abandon = new();
    private readonly Task _writer;

    /// <param name="write">Writes one batch in one transaction (<see cref="WorkflowDeliveryStore.FinishAsync"/>); the list is reused afterwards.</param>
    public DeliveryFinisher(Func<IReadOnlyList<DeliveryResult>, CancellationToken, Task> write, WorkflowOptions options, ILogger logger)
    {
        _write = write;
        _options = options;
        _logger = logger;
        // Bounded: a database slower than the receivers holds the delivery slots, so the claims slow down too.
        _queue = Channel.CreateBounded<DeliveryResult>(new BoundedChannelOptions(Math.Max(1, options.FinishBatchSize))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = Task.Run(WriteAsync);
    }

    public ValueTask AddAsync(DeliveryResult result, CancellationToken ct) => _queue.Writer.WriteAsync(result, ct);

    /// <summary>Writes what is queued and stops; gives up after <see cref="WorkflowOptions.FinishDrainTimeout"/>.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        _abandon.CancelAfter(_options.FinishDrainTimeout);
        await _writer;
        _abandon.Dispose();
    }

    private async Task WriteAsync()
    {
        var batch = new List<DeliveryResult>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.FinishBatchSize && reader.TryRead(out var result))
                batch.Add(result);
            await WriteBatchAsync(batch);
        }
    }

    private async Task WriteBatchAsync(List<DeliveryResult> batch)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _write(batch, _abandon.Token);
                return;
            }
            catch (Exception ex) when (attempt < RetryDelays.Length && !_abandon.IsCancellationRequested)
            {
                _logger.LogWarning("Workflow delivery results ({Count}) could not be written, trying again: {Error}", batch.Count, ex.Message);
                try
                {
                    await Task.Delay(RetryDelays[attempt], _abandon.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
            catch (Exception ex)
            {
                // Their claims come due again after ClaimTimeout: delivered once more, logged again.
                _logger.LogWarning("Workflow delivery results ({Count}) were not written: {Error}", batch.Count, ex.Message);
                return;
            }
        }
    }
}
