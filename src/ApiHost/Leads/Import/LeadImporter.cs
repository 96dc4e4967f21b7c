using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Imports;
using Leadline.ApiHost.Leads.Insert;
using Leadline.Grains;
using Leadline.Grains.PhoneShards;

namespace Leadline.ApiHost.Leads.Import;

/// <summary>
/// Streams the rows of an import file through the insert path: each row is parsed like an insert request
/// and sent to its phone shard, with up to <see cref="Window"/> rows in flight so the shards' group commits
/// fill. Outcomes are counted in file order. A row whose phone is still in flight from an earlier row waits
/// for it, so within one file the earlier row wins and a later one is its duplicate (with check_dup).
/// Reading stops at the first row the database could not take (the rest would fail the same way) and at a
/// file that cannot be read on; <see cref="ImportResult.Stop"/> says which.
/// </summary>
public sealed class LeadImporter(Func<InsertLeadRequest, Task<InsertOutcome>> insert, int window = LeadImporter.Window)
{
    public const int Window = 64;

    /// <param name="onRow">Told of every row once it is counted, in file order, with the row's cells (progress, refused rows).</param>
    public async Task<ImportResult> RunAsync(ITableReader reader, ImportRowMapper mapper, CancellationToken ct = default,
        Func<RowOutcome, TableRecord, ValueTask>? onRow = null)
    {
        var summary = new ImportSummary { IgnoredColumns = mapper.IgnoredColumns };
        var inFlight = new Queue<InFlight>();
        var lastByPhone = new Dictionary<string, Task<RowOutcome>>(StringComparer.Ordinal);
        Exception? stop = null;
        long row = 0;
        try
        {
            while (await reader.ReadAsync(ct) is { } record)
            {
                if (record.IsBlank)
                    continue;
                row++;
                var (request, error) = mapper.Parse(record.Fields);
                if (request is null)
                    inFlight.Enqueue(new InFlight(null, Task.FromResult(new RowOutcome(row, RowKind.Invalid, error)), record));
                else
                {
                    var phone = request.Phone.E164;
                    var outcome = SendAsync(row, request, lastByPhone.GetValueOrDefault(phone));
                    lastByPhone[phone] = outcome;
                    inFlight.Enqueue(new InFlight(phone, outcome, record));
                }

                while (inFlight.Count >= window)
                    if (await CountNextAsync(inFlight, lastByPhone, summary, onRow) is { } unavailable)
                        throw unavailable;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            stop = ex;
        }
        while (inFlight.Count > 0)
        {
            var unavailable = await CountNextAsync(inFlight, lastByPhone, summary, onRow);
            stop ??= unavailable;
        }
        return new ImportResult(summary, stop);
    }

    private async Task<RowOutcome> SendAsync(long row, InsertLeadRequest request, Task<RowOutcome>? earlierOfSamePhone)
    {
        if (earlierOfSamePhone is not null)
            await earlierOfSamePhone;
        try
        {
            return (await insert(request)).Result switch
            {
                InsertResult.Inserted => new RowOutcome(row, RowKind.Inserted),
                InsertResult.Updated => new RowOutcome(row, RowKind.Updated),
                InsertResult.Duplicate => new RowOutcome(row, RowKind.Duplicate),
                InsertResult.DoNotCall => new RowOutcome(row, RowKind.Dnc),
                _ => Unavailable(row),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Unavailable(row); // the cluster or the database: the API answers 503 for such a call too
        }
    }

    private static RowOutcome Unavailable(long row) => new(row, RowKind.Invalid, ConvosoErrors.Unavailable);

    /// <summary>Counts the oldest row in flight; returns an exception to stop on when the database could not take it.</summary>
    private static async Task<Exception?> CountNextAsync(Queue<InFlight> inFlight, Dictionary<string, Task<RowOutcome>> lastByPhone,
        ImportSummary summary, Func<RowOutcome, TableRecord, ValueTask>? onRow)
    {
        var (phone, task, record) = inFlight.Dequeue();
        var outcome = await task;
        if (phone is not null && lastByPhone.TryGetValue(phone, out var last) && last == task)
            lastByPhone.Remove(phone);
        summary.Count(outcome);
        if (onRow is not null)
            await onRow(outcome, record);
        return outcome.Error == ConvosoErrors.Unavailable ? new StorageUnavailableException("A row could not be stored") : null;
    }
}

internal readonly record struct InFlight(string? Phone, Task<RowOutcome> Outcome, TableRecord Record);

/// <summary>The summary, and why the import stopped early (null when the whole file was read).</summary>
public sealed record ImportResult(ImportSummary Summary, Exception? Stop);
