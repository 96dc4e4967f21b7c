using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Leadline.Grains.Storage;

/// <summary>
/// Group commit for the whole silo: every phone shard hands its writes here and awaits their commit.
/// Writes that arrive while a transaction is in flight ride in the next one, so under load a batch
/// holds many leads and at rest a single lead commits at once, with no timer delay.
/// </summary>
public sealed class LeadBatchWriter : IAsyncDisposable
{
    private static readonly Meter Meter = new("Leadline.Storage");
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("leadline.write_batch.size");
    private static readonly Counter<long> FailedWrites = Meter.CreateCounter<long>("leadline.write_batch.failed_writes");

    private readonly NpgsqlDataSource _dataSource;
    private readonly LeadWriterOptions _options;
    private readonly ILogger<LeadBatchWriter> _logger;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>();
    private readonly Task[] _writers;

    public LeadBatchWriter(NpgsqlDataSource dataSource, IOptions<LeadWriterOptions> options, ILogger<LeadBatchWriter> logger)
    {
        _dataSource = dataSource;
        _options = options.Value;
        _logger = logger;
        _writers = Enumerable.Range(0, Math.Max(1, _options.ConcurrentWriters))
            .Select(_ => Task.Run(RunAsync))
            .ToArray();
    }

    /// <summary>Completes when the write is committed; faults when it was not (nothing of it stays).</summary>
    public Task WriteAsync(LeadWrite write)
    {
        var pending = new PendingWrite(write);
        if (!_queue.Writer.TryWrite(pending))
            pending.Done.SetException(new ObjectDisposedException(nameof(LeadBatchWriter)));
        return pending.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>(_options.MaxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var next))
                batch.Add(next);
            if (batch.Count > 0)
                await FlushAsync(batch);
        }
    }

    private async Task FlushAsync(List<PendingWrite> batch)
    {
        BatchSize.Record(batch.Count);
        try
        {
            await LeadBatchSql.WriteAsync(_dataSource, batch.ConvertAll(p => p.Write), CancellationToken.None);
            foreach (var pending in batch)
                pending.Done.TrySetResult();
            return;
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            _logger.LogWarning(ex, "A write batch of {Count} failed; writing its rows one by one", batch.Count);
        }
        catch (Exception ex)
        {
            Fail(batch[0], ex);
            return;
        }

        // One bad row must not sink the others: retry each alone so only it fails.
        foreach (var pending in batch)
        {
            try
            {
                await LeadBatchSql.WriteAsync(_dataSource, [pending.Write], CancellationToken.None);
                pending.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                Fail(pending, ex);
            }
        }
    }

    private void Fail(PendingWrite pending, Exception ex)
    {
        FailedWrites.Add(1);
        _logger.LogError(ex, "Write of {Kind} failed", pending.Write.GetType().Name);
        pending.Done.TrySetException(ex);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private sealed record PendingWrite(LeadWrite Write)
    {
        // Continuations go straight to each waiting grain's scheduler; no extra thread-pool hop per lead.
        public TaskCompletionSource Done { get; } = new();
    }
}
