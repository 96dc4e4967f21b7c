using System.Globalization;
using System.Text.Json.Serialization;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Dashboard.Auth;
using Leadline.ApiHost.Dashboard.Data;
using Leadline.ApiHost.Imports.Jobs;
using Leadline.ApiHost.Leads.Insert;
using Leadline.Grains.Leads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Leadline.ApiHost.Leads.Insert.InsertParameterNames;

namespace Leadline.ApiHost.Dashboard.Pages.Imports;

/// <summary>
/// One import job. Uploaded: the detected columns with a mapping select each and the first 10 rows as they will be
/// stored, the options, Start. Queued or running: the counts, polled every second from <c>?handler=Progress</c>
/// (cookie auth, like the page). Ended: the final counts and the refused rows as a CSV (<c>?handler=Refused</c>).
/// Everything is read from the job row, so a reload shows the same. Another account's job is not found, like an
/// unknown id.
/// </summary>
public sealed class JobModel(ImportJobs jobs, ImportJobStore store, AccountQueries account, AccountDirectory directory) : PageModel
{
    public const string ColumnField = "col_";

    public ImportJob? Job { get; private set; }
    public ImportJobOptions Options { get; private set; } = new();
    public ImportPreview? Preview { get; private set; }
    public IReadOnlyList<string?> Fields { get; private set; } = [];
    public IReadOnlyList<CustomFieldRow> CustomFields { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Notice { get; private set; }

    /// <summary>check_dup's choices, as /v1/leads/insert documents them.</summary>
    public static readonly IReadOnlyList<(int Value, string Label)> CheckDupChoices =
    [
        (0, "0 — no duplicate check"),
        (1, "1 — not if the number is anywhere in the account"),
        (2, "2 — not if the number is in this list"),
        (3, "3 — not if the number is in this list's campaign"),
    ];

    /// <summary>The fields a column can fill (the option shows the name, its title the description).</summary>
    public static readonly IReadOnlyList<(string Value, string Description)> PhoneTargets =
    [
        (PhoneNumber, "The lead's phone (required), any common format"),
        (PhoneCode, "Country calling code of the phone, default 1"),
    ];

    public static IEnumerable<(string Value, string Description)> StandardTargets =>
        LeadFieldCatalog.Standard.Select(f => (f.Name, f.Description));

    public bool IsKnownTarget(string field) =>
        field is PhoneNumber or PhoneCode || LeadFieldCatalog.TryGet(field, out _) || CustomFields.Any(c => c.Name == field);

    public async Task<IActionResult> OnGetAsync(long jobId)
    {
        if (!await LoadAsync(jobId))
            return NotFoundPage(jobId);
        await PreviewAsync(Job!.Options);
        return Page();
    }

    /// <summary>"Update preview": the mapping and options are kept on the job (a reload shows them) and the rows shown again.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(long jobId)
    {
        if (!await LoadAsync(jobId))
            return NotFoundPage(jobId);
        var (options, error) = ReadOptions(Job!);
        if (error is not null)
            Fail(error);
        else if (!await jobs.SaveAsync(User.AccountId(), jobId, options!))
            Fail($"Import {jobId} is {Job!.State}: its mapping can no longer change.");
        await LoadAsync(jobId);
        await PreviewAsync(options ?? Job!.Options);
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(long jobId)
    {
        if (!await LoadAsync(jobId))
            return NotFoundPage(jobId);
        var (options, error) = ReadOptions(Job!);
        error ??= await jobs.StartAsync(User.AccountId(), jobId, options!);
        if (error is null)
            return Redirect($"/imports/{jobId}");
        Fail(error);
        await LoadAsync(jobId);
        await PreviewAsync(options ?? Job!.Options);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(long jobId)
    {
        var (cancelled, text) = await jobs.CancelAsync(User.AccountId(), jobId);
        if (!await LoadAsync(jobId))
            return NotFoundPage(jobId);
        if (cancelled)
            Notice = text;
        else
            Fail(text);
        await PreviewAsync(Job!.Options);
        return Page();
    }

    /// <summary>The counts the page's script polls every second.</summary>
    public async Task<IActionResult> OnGetProgressAsync(long jobId)
    {
        if (await store.FindAsync(User.AccountId(), jobId) is not { } job)
            return NotFound();
        var c = job.Counts;
        return new JsonResult(new JobProgress(job.State, job.IsFinal, c.Rows, c.Inserted, c.Updated, c.Duplicates, c.Dnc, c.Invalid,
            c.BytesRead, job.FileBytes, job.RefusedRows, job.Error));
    }

    /// <summary>The refused rows: the original cells with the row number and the reason, streamed from the database.</summary>
    public async Task<IActionResult> OnGetRefusedAsync(long jobId, CancellationToken ct)
    {
        if (await store.FindAsync(User.AccountId(), jobId) is not { } job)
            return NotFound();
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"import-{jobId}-refused-rows.csv\"";
        await RefusedRowsCsv.WriteAsync(Response.Body, job.Columns, store.ReadRefusalsAsync(User.AccountId(), jobId, ct), ct);
        return new EmptyResult();
    }

    public sealed record JobProgress(
        [property: JsonPropertyName("state")] string State,
        [property: JsonPropertyName("final")] bool Final,
        [property: JsonPropertyName("rows")] long Rows,
        [property: JsonPropertyName("inserted")] long Inserted,
        [property: JsonPropertyName("updated")] long Updated,
        [property: JsonPropertyName("duplicates")] long Duplicates,
        [property: JsonPropertyName("dnc")] long Dnc,
        [property: JsonPropertyName("invalid")] long Invalid,
        [property: JsonPropertyName("bytes_read")] long BytesRead,
        [property: JsonPropertyName("file_bytes")] long FileBytes,
        [property: JsonPropertyName("refused_rows")] long RefusedRows,
        [property: JsonPropertyName("error")] string? Error);

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };

    private async Task<bool> LoadAsync(long jobId)
    {
        Job = await store.FindAsync(User.AccountId(), jobId);
        if (Job is null)
            return false;
        CustomFields = await account.CustomFieldsAsync(User.AccountId());
        return true;
    }

    /// <summary>The rows as they will be stored (while the file waits), and the field each column fills.</summary>
    private async Task PreviewAsync(ImportJobOptions options)
    {
        Options = options;
        var customFields = await directory.GetCustomFieldsAsync(Job!.AccountId);
        if (Job.State == ImportJobStates.Uploaded)
        {
            Preview = await jobs.PreviewAsync(Job, options, customFields, HttpContext.RequestAborted);
            Fields = Preview.Fields;
        }
        else
        {
            Fields = ImportJobs.FieldsOf(Job.Columns, options, options.ToParameters(Job.ListId), customFields);
        }
    }

    /// <summary>The options and the mapping as the form sends them, checked with the insert's own ranges and texts.</summary>
    private (ImportJobOptions? Options, string? Error) ReadOptions(ImportJob job)
    {
        var form = Request.Form;
        string Text(string name) => form[name].ToString().Trim();
        bool Flag(string name) => ApiFlags.TryParse(Text(name), out var on) && on;
        if (!int.TryParse(Text(CheckDup), NumberStyles.None, CultureInfo.InvariantCulture, out var checkDup) || checkDup is < 0 or > 3)
            return (null, ConvosoErrors.Invalid(CheckDup, "0, 1, 2 or 3").Text);
        var priority = HopperRequest.DefaultPriority;
        if (Text(HopperPriority) is { Length: > 0 } priorityText
            && (!int.TryParse(priorityText, NumberStyles.None, CultureInfo.InvariantCulture, out priority) || priority > 99))
            return (null, ConvosoErrors.Invalid(HopperPriority, "a whole number from 0 to 99").Text);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < job.Columns.Count; i++)
            if (form.TryGetValue(ColumnField + i.ToString(CultureInfo.InvariantCulture), out var field))
                mapping[ImportJobOptions.MapKey(job.Columns[i])] = field.ToString().Trim();
        return (new ImportJobOptions(checkDup, Flag(CheckDupArchive), Flag(CheckDnc), Flag(InsertParameterNames.Hopper), priority, mapping), null);
    }

    private IActionResult NotFoundPage(long jobId)
    {
        Job = null;
        Fail(ImportJobs.NoSuchJob(jobId));
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private void Fail(string error)
    {
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
