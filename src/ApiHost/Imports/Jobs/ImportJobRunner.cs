using System.Collections.Concurrent;
using System.Diagnostics;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads;
using Leadline.ApiHost.Leads.Import;
using Leadline.Grains;
using Leadline.Grains.PhoneShards;

namespace Leadline.ApiHost.Imports.Jobs;

/// <summary>
/// Runs the queued import jobs of this API host (up to <see cref="ImportSettings.MaxRunningJobs"/> at once), each
/// through /v1/leads/import's path: <see cref="TableReaders"/> → <see cref="ImportRowMapper"/> →
/// <see cref="LeadImporter"/> with the same insert (the phone shards: a number is checked and stored atomically, so
/// two imports into one list never double it under check_dup; an archived list's rows never enter the hopper).
/// Counts are written to the job row every 500 rows or second, refused rows in batches; the file is deleted when the
/// job ends. At start, jobs its previous process left running are marked interrupted (there is no resume).
/// </summary>
public sealed class ImportJobRunner(
    ImportJobStore store, ImportSettings settings, AccountDirectory directory, PhoneShardRefs shards, ILogger<ImportJobRunner> log)
    : BackgroundService
{
    public const int ProgressEveryRows = 500;
    public static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LeftoverAge = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _running = new();

    /// <summary>Look for queued jobs now (a job was started on this host), not at the next poll.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // already awake
        }
    }

    /// <summary>Stops a job this host runs: it stops reading, counts the rows in flight and ends as cancelled.</summary>
    public bool Cancel(long jobId)
    {
        if (!_running.TryGetValue(jobId, out var cancel))
            return false;
        cancel.Cancel();
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        await Task.Yield();
        var jobs = new List<Task>();
        var nextSweep = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        var started = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!started)
                {
                    var interrupted = await store.InterruptLeftRunningAsync(settings.Host);
                    if (interrupted > 0)
                        log.LogWarning("{Count} import job(s) were running when this API host stopped: marked interrupted", interrupted);
                    started = true;
                }
                if (clock.Elapsed >= nextSweep)
                {
                    await store.SweepAsync();
                    await DeleteLeftoversAsync();
                    nextSweep = clock.Elapsed + SweepEvery;
                }
                jobs.RemoveAll(job => job.IsCompleted);
                while (jobs.Count < settings.MaxRunningJobs && await store.ClaimNextAsync(settings.Host) is { } job)
                    jobs.Add(RunAsync(job, stopping));
            }
            catch (Exception ex)
            {
                if (stopping.IsCancellationRequested)
                    break;
                log.LogWarning(ex, "Import jobs could not be read; trying again");
            }
            try
            {
                await _wake.WaitAsync(settings.PollInterval, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(jobs); // each stops reading, counts its rows in flight and ends as interrupted
    }

    private async Task RunAsync(ImportJob job, CancellationToken stopping)
    {
        using var cancel = new CancellationTokenSource();
        _running[job.JobId] = cancel;
        var progress = new JobProgress(job.JobId, job.FileBytes, store, cancel);
        string state, error;
        try
        {
            (state, error) = await ImportAsync(job, progress, cancel.Token, stopping);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Import job {JobId} failed", job.JobId);
            (state, error) = (ImportJobStates.Failed, "Internal error: " + ex.Message);
        }
        finally
        {
            _running.TryRemove(job.JobId, out _);
        }
        try
        {
            await progress.FlushRefusalsAsync();
            await store.FinishAsync(job.JobId, state, progress.Counts, error.Length == 0 ? null : error);
            log.LogInformation("Import job {JobId} {State}: {Counts}", job.JobId, state, progress.Counts);
        }
        catch (Exception ex)
        {
            // The job stays running in the table; the sweep marks it interrupted once it has been silent long enough.
            log.LogError(ex, "Import job {JobId} ended ({State}) but could not be recorded", job.JobId, state);
        }
        finally
        {
            ImportJobs.DeleteFile(job.FilePath, log);
            Wake(); // a slot is free
        }
    }

    /// <summary>The import itself; its end state and error text ("" for none).</summary>
    private async Task<(string State, string Error)> ImportAsync(ImportJob job, JobProgress progress, CancellationToken cancel, CancellationToken stopping)
    {
        if (await progress.WriteAsync(force: true)) // cancelled between the claim and now
            return (ImportJobStates.Cancelled, "");
        if (job.FilePath is null || !File.Exists(job.FilePath))
            return (ImportJobStates.Failed, "The uploaded file is no longer stored on this API host.");
        var (mapper, mapperError) = await ImportJobs.MapperForAsync(directory, job, job.Options);
        var list = await directory.FindListAsync(job.AccountId, job.ListId);
        if (mapper is null || list is null)
            return (ImportJobStates.Failed, mapperError ?? ConvosoErrors.NoSuchList.Text);

        await using var file = ImportJobs.OpenRead(job.FilePath);
        progress.File = file;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, stopping);
        var importer = new LeadImporter(row => shards.InsertAsync(list, row, job.UserId));
        ImportResult result;
        await using (var table = await TableReaders.OpenAsync(file, job.FileName, stop.Token))
        {
            await table.ReadAsync(stop.Token); // the header, read at the upload
            // Stopping ends the reading, not the import: the rows already sent are counted, so the counts stay exact.
            await using var rows = new StopReading(table, stop.Token);
            result = await importer.RunAsync(rows, mapper, CancellationToken.None, progress.OnRowAsync);
        }
        progress.ReadToEnd = result.Stop is null && !stop.IsCancellationRequested;

        if (cancel.IsCancellationRequested)
            return (ImportJobStates.Cancelled, "");
        if (stopping.IsCancellationRequested)
            return (ImportJobStates.Interrupted, "The API host stopped while this import ran; the rows counted were imported.");
        return result.Stop switch
        {
            null => (ImportJobStates.Done, ""),
            StorageUnavailableException => (ImportJobStates.Failed,
                $"Storage became unavailable after row {progress.Counts.Rows}; the rows counted were imported. Upload the rest again."),
            TableFormatException format => (ImportJobStates.Failed, $"{format.Message}; the rows before it were imported."),
            IOException or InvalidDataException => (ImportJobStates.Failed, "The file could not be read on: " + result.Stop.Message),
            var other => throw other,
        };
    }

    /// <summary>Deletes files in the import folder that no open job needs, an hour after they were last written (a cut-off upload, a job cancelled on another host).</summary>
    private async Task DeleteLeftoversAsync()
    {
        var needed = await store.OpenFilesAsync();
        foreach (var path in Directory.EnumerateFiles(settings.Folder))
            if (!needed.Contains(path) && DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > LeftoverAge)
                ImportJobs.DeleteFile(path, log);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    /// <summary>A reader that ends (no more rows) once <paramref name="stop"/> is cancelled.</summary>
    private sealed class StopReading(ITableReader inner, CancellationToken stop) : ITableReader
    {
        public async ValueTask<TableRecord?> ReadAsync(CancellationToken ct = default)
        {
            if (stop.IsCancellationRequested)
                return null;
            try
            {
                return await inner.ReadAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return null;
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A job's counts as its rows are counted, written to the job row every 500 rows or second with the refused rows.</summary>
    private sealed class JobProgress(long jobId, long fileBytes, ImportJobStore store, CancellationTokenSource cancel)
    {
        private const int RefusalBatch = 1000;
        private readonly List<RefusedRow> _refused = [];
        private readonly Stopwatch _sinceWrite = Stopwatch.StartNew();
        private long _rowsAtWrite;
        private long _rows, _inserted, _updated, _duplicates, _dnc, _invalid, _bytesRead;

        /// <summary>The file being read: its position says how far the reader is (it reads ahead by a buffer).</summary>
        public FileStream? File { get; set; }

        /// <summary>Set once the whole file was read: the progress is then the file's size.</summary>
        public bool ReadToEnd { get; set; }

        public ImportCounts Counts => new(_rows, _inserted, _updated, _duplicates, _dnc, _invalid, ReadToEnd ? fileBytes : _bytesRead);

        public async ValueTask OnRowAsync(RowOutcome outcome, TableRecord record)
        {
            _rows++;
            _bytesRead = Math.Min(fileBytes, File?.Position ?? 0);
            (int Code, string Text)? refusal = null;
            switch (outcome.Kind)
            {
                case RowKind.Inserted: _inserted++; break;
                case RowKind.Updated: _updated++; break;
                case RowKind.Duplicate:
                    _duplicates++;
                    refusal = (ErrorCodes.Duplicate.Code, ErrorCodes.Duplicate.Meaning);
                    break;
                case RowKind.Dnc:
                    _dnc++;
                    refusal = (ErrorCodes.DoNotCall.Code, ErrorCodes.DoNotCall.Meaning);
                    break;
                default:
                    _invalid++;
                    refusal = (outcome.Error!.Code, outcome.Error.Text);
                    break;
            }
            if (refusal is var (code, text))
            {
                _refused.Add(new RefusedRow(outcome.Row, code, text, record.Fields));
                if (_refused.Count >= RefusalBatch)
                    await FlushRefusalsAsync();
            }
            if (_rows - _rowsAtWrite >= ProgressEveryRows || _sinceWrite.Elapsed >= ProgressEvery)
                await WriteAsync(force: false);
        }

        /// <summary>Writes the counts (and the refused rows before them); true when the job is to be cancelled.</summary>
        public async Task<bool> WriteAsync(bool force)
        {
            if (!force && _rows == _rowsAtWrite && _sinceWrite.Elapsed < ProgressEvery)
                return cancel.IsCancellationRequested;
            await FlushRefusalsAsync();
            var stop = await store.WriteProgressAsync(jobId, Counts);
            _rowsAtWrite = _rows;
            _sinceWrite.Restart();
            if (stop && !cancel.IsCancellationRequested)
                cancel.Cancel(); // asked on another API host
            return cancel.IsCancellationRequested;
        }

        public async Task FlushRefusalsAsync()
        {
            if (_refused.Count == 0)
                return;
            await store.AddRefusalsAsync(jobId, _refused);
            _refused.Clear();
        }
    }
}
