using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads;
using Leadline.ApiHost.Leads.Import;
using Leadline.ApiHost.Leads.Insert;

namespace Leadline.ApiHost.Imports.Jobs;

/// <summary>
/// What an operator does with an import job, each step scoped to their account: store an upload (streamed to the
/// import folder, never held in memory), preview it with a mapping, start it, cancel it. The dashboard pages and
/// the tests use these; <see cref="ImportJobRunner"/> runs the started jobs.
/// </summary>
public sealed class ImportJobs(
    ImportJobStore store, ImportSettings settings, AccountDirectory directory, ImportJobRunner runner, ILogger<ImportJobs> log)
{
    public const int PreviewRows = 10;
    public const int MaxFileNameChars = 255;

    /// <summary>
    /// Streams <paramref name="content"/> into the import folder and creates the job (state uploaded) once its header
    /// row reads; or why not: no such list in the account, an empty or unreadable file, a file over 500 MB.
    /// </summary>
    public async Task<(long? JobId, string? Error)> CreateAsync(long accountId, long listId, long userId, string? fileName, Stream content,
        CancellationToken ct = default)
    {
        if (await directory.FindListAsync(accountId, listId) is null)
            return (null, ConvosoErrors.NoSuchList.Text);
        var name = CleanFileName(fileName);
        var id = Guid.NewGuid().ToString("N");
        var part = Path.Combine(settings.Folder, id + ".part");
        var path = Path.Combine(settings.Folder, id + ".upload");
        long bytes;
        try
        {
            await using (var file = new FileStream(part, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await CopyLimitedAsync(content, file, ct);
                bytes = file.Length;
            }
            var (columns, headerError) = await ReadHeaderAsync(part, name, ct);
            if (headerError is not null)
            {
                File.Delete(part);
                return (null, headerError);
            }
            File.Move(part, path);
            var jobId = await store.CreateAsync(accountId, listId, userId, name, path, bytes, settings.Host, columns!);
            log.LogInformation("Import job {JobId}: {Bytes} bytes uploaded to list {ListId} of account {AccountId}", jobId, bytes, listId, accountId);
            return (jobId, null);
        }
        catch
        {
            File.Delete(part);
            File.Delete(path);
            throw;
        }
    }

    public Task<ImportJob?> FindAsync(long accountId, long jobId) => store.FindAsync(accountId, jobId);

    /// <summary>Keeps the mapping and options of a job not started yet (so the page shows them after a reload).</summary>
    public Task<bool> SaveAsync(long accountId, long jobId, ImportJobOptions options) =>
        store.SaveOptionsAsync(accountId, jobId, options, queue: false);

    /// <summary>
    /// Queues the job with these options once they would import: every option valid, the list still the account's,
    /// the mapping accepted by <see cref="ImportRowMapper.Create"/>. The error otherwise, with nothing queued.
    /// </summary>
    public async Task<string?> StartAsync(long accountId, long jobId, ImportJobOptions options)
    {
        if (await store.FindAsync(accountId, jobId) is not { } job)
            return NoSuchJob(jobId);
        if (job.State != ImportJobStates.Uploaded)
            return $"Import {jobId} is {job.State}: only an uploaded file can be started.";
        var (_, error) = await MapperForAsync(directory, job, options);
        if (error is not null)
        {
            await store.SaveOptionsAsync(accountId, jobId, options, queue: false);
            return error;
        }
        if (!await store.SaveOptionsAsync(accountId, jobId, options, queue: true))
            return $"Import {jobId} was started or cancelled meanwhile.";
        runner.Wake();
        return null;
    }

    /// <summary>Cancels a job not ended yet; the text says what happened, or why nothing did.</summary>
    public async Task<(bool Cancelled, string Text)> CancelAsync(long accountId, long jobId)
    {
        if (await store.CancelAsync(accountId, jobId) is not var (prior, filePath))
            return await store.FindAsync(accountId, jobId) is { } ended
                ? (false, $"Import {jobId} had already ended ({ended.State}).")
                : (false, NoSuchJob(jobId));
        if (prior == ImportJobStates.Running)
        {
            runner.Cancel(jobId); // on this host at once; on another, its runner reads the flag within a second
            return (true, $"Import {jobId} is being cancelled: the rows counted so far stay imported.");
        }
        DeleteFile(filePath, log);
        return (true, $"Import {jobId} cancelled before it ran: nothing was imported.");
    }

    /// <summary>The first rows of a job's file as they would be stored with <paramref name="options"/>.</summary>
    public async Task<ImportPreview> PreviewAsync(ImportJob job, ImportJobOptions options, IReadOnlyDictionary<string, int> customFields,
        CancellationToken ct = default)
    {
        var parameters = options.ToParameters(job.ListId);
        var (mapper, mapperError) = ImportRowMapper.Create([.. job.Columns], parameters, customFields);
        var fields = FieldsOf(job.Columns, options, parameters, customFields);
        if (job.FilePath is null || !File.Exists(job.FilePath))
            return new ImportPreview(job.Columns, fields, [], mapperError?.Text, "The uploaded file is no longer stored.");
        var rows = new List<ImportPreview.Row>();
        string? readError = null;
        try
        {
            await using var file = OpenRead(job.FilePath);
            await using var reader = await TableReaders.OpenAsync(file, job.FileName, ct);
            await reader.ReadAsync(ct); // the header
            long number = 0;
            while (rows.Count < PreviewRows && await reader.ReadAsync(ct) is { } record)
                if (!record.IsBlank)
                    rows.Add(ImportPreview.Parse(++number, record.Fields, fields, mapper));
        }
        catch (TableFormatException ex)
        {
            readError = ex.Message;
        }
        return new ImportPreview(job.Columns, fields, rows, mapperError?.Text, readError);
    }

    /// <summary>
    /// The field each column fills, as the page shows it: the job's mapping where it names the column, else the
    /// proposal of <see cref="ImportRowMapper.Propose"/>; null = not stored.
    /// </summary>
    public static IReadOnlyList<string?> FieldsOf(IReadOnlyList<string> columns, ImportJobOptions options,
        IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, int> customFields)
    {
        var proposal = ImportRowMapper.Propose(columns, parameters, customFields);
        return columns.Select((header, i) => options.FieldOf(header) switch
        {
            { Length: 0 } => null,
            { } field => field,
            null => i < proposal.Count ? proposal[i].Field : null,
        }).ToList();
    }

    /// <summary>The mapper a job's rows go through, or the reason it cannot import with these options.</summary>
    internal static async Task<(ImportRowMapper? Mapper, string? Error)> MapperForAsync(AccountDirectory directory, ImportJob job, ImportJobOptions options)
    {
        var parameters = options.ToParameters(job.ListId);
        var (dedup, dedupError) = InsertLeadParser.ParseDedup(parameters);
        var (_, hopperError) = InsertLeadParser.ParseHopper(parameters);
        if ((dedupError ?? hopperError) is { } optionError)
            return (null, optionError.Text);
        if ((await InsertTargets.ResolveAsync(directory, job.AccountId, job.ListId, dedup!)).Error is { } missing)
            return (null, missing.Text);
        var (mapper, error) = ImportRowMapper.Create([.. job.Columns], parameters, await directory.GetCustomFieldsAsync(job.AccountId));
        return (mapper, error?.Text);
    }

    public static string NoSuchJob(long jobId) => $"No import {jobId} in your account.";

    internal static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);

    internal static void DeleteFile(string? path, ILogger log)
    {
        if (path is null)
            return;
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            log.LogWarning(ex, "Could not delete the import file {Path}", path);
        }
    }

    private static async Task<(IReadOnlyList<string>? Columns, string? Error)> ReadHeaderAsync(string path, string fileName, CancellationToken ct)
    {
        try
        {
            await using var file = OpenRead(path);
            await using var reader = await TableReaders.OpenAsync(file, fileName, ct);
            if (await reader.ReadAsync(ct) is not { } header || header.IsBlank)
                return (null, "The file is empty: the first row must name the columns.");
            return (header.Fields.Select(f => f.Trim().Trim('\uFEFF').Trim()).ToList(), null);
        }
        catch (Exception ex) when (ex is TableFormatException or InvalidDataException or IOException)
        {
            return (null, "The file's first row cannot be read: " + ex.Message);
        }
    }

    /// <summary>Copies at most <see cref="ImportSettings.MaxFileBytes"/> (a chunked upload has no length to check first).</summary>
    private static async Task CopyLimitedAsync(Stream from, Stream to, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > ImportSettings.MaxFileBytes)
                throw new FileTooLargeException();
            await to.WriteAsync(buffer.AsMemory(0, read), ct);
        }
    }

    private static string CleanFileName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        name = new string(name.Where(c => !char.IsControl(c)).ToArray());
        if (name.Length == 0)
            name = "upload.csv";
        return name.Length <= MaxFileNameChars ? name : name[..MaxFileNameChars];
    }
}

/// <summary>An upload past <see cref="ImportSettings.MaxFileBytes"/>: nothing is kept.</summary>
public sealed class FileTooLargeException() : Exception($"The file is larger than {ImportSettings.MaxFileBytes / 1024 / 1024} MB.");
