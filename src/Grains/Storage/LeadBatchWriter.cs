using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Leadline.Grains.Hopper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Leadline.Grains.Storage;

/// <summary>
/// Group commit for the whole silo: every phone shard hands its writes here and awaits their commit.
/// Writes that arrive while a transaction is in flight ride in the next one, so under load a batch
/// holds many leads and at rest a single lead commits at once, with no timer delay.
/// <para>
/// A write's task completes only when its transaction is known to have committed, and faults only when
/// it is known not to have: after a failure the writer asks the database whether the batch's leads are
/// there (a connection can break after the server committed). When even that cannot be answered the
/// task faults with <see cref="CommitOutcomeUnknownException"/>. A write that waited longer than
/// <see cref="LeadWriterOptions.MaxQueueWait"/> is never started, so a caller that already gave up
/// (and answered 503) cannot be committed behind its back.
/// </para>
/// </summary>
public sealed class LeadBatchWriter : IAsyncDisposable
{
    private static readonly Meter Meter = new("Leadline.Storage");
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("leadline.write_batch.size");
    private static readonly Counter<long> FailedWrites = Meter.CreateCounter<long>("leadline.write_batch.failed_writes");

    private readonly NpgsqlDataSource _dataSource;
    private readonly HopperFeed _hopperFeed;
    private readonly LeadWriterOptions _options;
    private readonly ILogger<LeadBatchWriter> _logger;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>();
    private readonly Task[] _writers;

    public LeadBatchWriter(
        NpgsqlDataSource dataSource, HopperFeed hopperFeed, IOptions<LeadWriterOptions> options, ILogger<LeadBatchWriter> logger)
    {
        _dataSource = dataSource;
        _hopperFeed = hopperFeed;
        _options = options.Value;
        _logger = logger;
        _writers = Enumerable.Range(0, Math.Max(1, _options.ConcurrentWriters))
            .Select(_ => Task.Run(RunAsync))
            .ToArray();
    }

    /// <summary>Completes when the write is committed; faults when it was not (nothing of it stays).</summary>
    public Task WriteAsync(LeadWrite write)
    {
        var pending = new PendingWrite(write, Stopwatch.GetTimestamp());
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
            {
                if (Stopwatch.GetElapsedTime(next.EnqueuedAt) > _options.MaxQueueWait)
                    Fail(next, new WriteExpiredException());
                else
                    batch.Add(next);
            }
            if (batch.Count > 0)
                await FlushAsync(batch);
        }
    }

    private async Task FlushAsync(List<PendingWrite> batch)
    {
        BatchSize.Record(batch.Count);
        var error = await TryWriteAsync(batch);
        if (error is null)
        {
            Complete(batch);
            return;
        }

        switch (StorageFailures.IsDataError(error) ? false : await CommittedAnywayAsync(batch))
        {
            case true:
                _logger.LogWarning("A write batch of {Count} reported {Error} but is committed", batch.Count, error.Message);
                Complete(batch);
                return;
            case null:
                foreach (var pending in batch)
                    Fail(pending, new CommitOutcomeUnknownException(error));
                return;
        }

        if (!StorageFailures.IsDataError(error) || batch.Count == 1)
        {
            foreach (var pending in batch)
                Fail(pending, error);
            return;
        }

        // One row the database refuses must not sink the others: write each alone so only it fails.
        _logger.LogWarning("A write batch of {Count} was refused ({Error}); writing its rows one by one", batch.Count, error.Message);
        foreach (var pending in batch)
        {
            if (await TryWriteAsync([pending]) is { } rowError)
                Fail(pending, rowError);
            else
                Complete([pending]);
        }
    }

    private async Task<Exception?> TryWriteAsync(List<PendingWrite> writes)
    {
        try
        {
            await LeadBatchSql.WriteAsync(_dataSource, writes.ConvertAll(p => p.Write), CancellationToken.None);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>
    /// Whether a failed transaction committed after all: its new leads' ids are unique to it, so one of
    /// them in the table means all of it is. Null when the database cannot be asked. A batch of only
    /// updates counts as not committed; repeating an update changes nothing.
    /// </summary>
    private async Task<bool?> CommittedAnywayAsync(List<PendingWrite> batch)
    {
        var newLeadIds = batch.Select(p => p.Write).OfType<NewLeadRow>().Select(r => r.LeadId).ToArray();
        if (newLeadIds.Length == 0)
            return false;
        try
        {
            await using var cmd = _dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM leads WHERE lead_id = ANY($1))");
            cmd.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = newLeadIds });
            return (bool)(await cmd.ExecuteScalarAsync())!;
        }
        catch (Exception ex) when (StorageFailures.IsTransient(ex))
        {
            return null;
        }
    }

    private void Complete(List<PendingWrite> writes)
    {
        _hopperFeed.Committed(writes.Select(p => p.Write));
        foreach (var pending in writes)
            pending.Done.TrySetResult();
    }

    private void Fail(PendingWrite pending, Exception ex)
    {
        FailedWrites.Add(1);
        if (StorageFailures.IsTransient(ex))
            _logger.LogWarning("Write of {Kind} failed: {Error}", pending.Write.GetType().Name, ex.Message);
        else
            _logger.LogError(ex, "Write of {Kind} failed", pending.Write.GetType().Name);
        pending.Done.TrySetException(ex);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private sealed record PendingWrite(LeadWrite Write, long EnqueuedAt)
    {
        // Continuations go straight to each waiting grain's scheduler; no extra thread-pool hop per lead.
        public TaskCompletionSource Done { get; } = new();
    }
}
