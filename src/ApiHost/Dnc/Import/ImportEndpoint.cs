using System.Runtime.ExceptionServices;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Imports;
using Leadline.ApiHost.V1;
using Leadline.Grains.PhoneShards;

namespace Leadline.ApiHost.DncApi.Import;

/// <summary>
/// /v1/dnc/import (Leadline's; Convoso has no DNC upload): a CSV file or an Excel workbook (.xlsx, first sheet)
/// (header row, column phone_number and optional phone_code, campaign_id, reason, purpose) added to the account's
/// DNC lists. The pipeline reads the query string and the form fields before the file part (or takes a text/csv
/// body with the parameters in the query string) and authenticates; the file is read here
/// (<see cref="TableReaders"/>) as it arrives and written in chunks while the next chunk is read, so memory
/// stays bounded whatever its size. Answers a summary: inserted, already_exists, invalid rows (row = the file's
/// line, or the sheet's row; the header is 1). Blank rows are skipped and not counted.
/// </summary>
public static class ImportEndpoint
{
    public const long MaxBodyBytes = 200L * 1024 * 1024;
    public const int ChunkRows = 8192;

    public static readonly ApiEndpoint Contract = new(ApiScopes.Dnc, ApiDialect.Convoso,
        "Import a CSV or .xlsx file of DNC entries (Leadline): multipart/form-data with auth_token before the file part, or a text/csv body with auth_token in the query string")
    {
        Body = ApiBody.Upload,
        MaxBodyBytes = MaxBodyBytes,
        ExampleAnswer = """{"success":true,"data":{"rows":3,"inserted":2,"already_exists":0,"invalid_count":1,"invalid":[{"row":3,"code":6007,"text":"Invalid Phone Number (phone_number)"}],"hopper_removed":0,"ignored_columns":[]}}""",
    };

    internal static async Task<ApiResult> HandleAsync(ApiRequest request, AccountDirectory directory, DncImportWriter writer)
    {
        var summary = new DncImportSummary();
        var error = await ImportFileAsync(request.Upload, request.UploadFileName, request.AccountId, directory, writer, summary,
            request.Http.RequestAborted);
        return Answer(summary, error);
    }

    /// <summary>The summary, or the error and (when it stopped part way) what was done before it.</summary>
    public static ApiResult Answer(DncImportSummary summary, ConvosoError? error)
    {
        if (error is null)
            return ApiResult.Data(summary.Write);
        // stopped part way: say what was done, so a re-upload is understood (done rows answer already_exists)
        return summary.Rows == 0 ? ApiResult.Refused(error) : ApiResult.Refused(error, summary.Write);
    }

    /// <summary>The dashboard's answer to its upload: the same JSON as this endpoint's (REST statuses: the page is no /v1 endpoint).</summary>
    public static Task WriteAnswerAsync(HttpResponse response, DncImportSummary summary, ConvosoError? error) =>
        Answer(summary, error).ExecuteAsync(response.HttpContext);

    /// <summary>
    /// A file (CSV or .xlsx; <paramref name="fileName"/> may tell which, else its first bytes do) through the rows,
    /// checks and writer of this endpoint: the endpoint's upload, or one received some other way (the dashboard's
    /// upload, under the operator's account). Null when the whole file was read, else why it stopped; the summary
    /// says what was done before.
    /// </summary>
    public static async Task<ConvosoError?> ImportFileAsync(Stream file, string? fileName, long accountId,
        AccountDirectory directory, DncImportWriter writer, DncImportSummary summary, CancellationToken ct = default)
    {
        try
        {
            await using var rows = await TableReaders.OpenAsync(file, fileName, ct);
            return await ImportRowsAsync(rows, accountId, directory, writer, summary, ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ConvosoErrors.BodyTooLarge(MaxBodyBytes); // a chunked upload that went past the limit: what was done is said
        }
        catch (TableFormatException ex)
        {
            return ConvosoErrors.Malformed(ex.Message + (summary.Rows > 0 ? "; the rows before it were imported" : ""));
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException or IOException)
        {
            return ConvosoErrors.Malformed("The upload could not be read: " + ex.Message);
        }
    }

    private static async Task<ConvosoError?> ImportRowsAsync(ITableReader rows, long accountId, AccountDirectory directory,
        DncImportWriter writer, DncImportSummary summary, CancellationToken ct)
    {
        // Blank rows (empty lines, empty sheet rows) are skipped everywhere, before the header too.
        async ValueTask<TableRecord?> NextAsync()
        {
            while (await rows.ReadAsync(ct) is { } record)
                if (!record.IsBlank)
                    return record;
            return null;
        }

        if (await NextAsync() is not { } header)
            return ConvosoErrors.Invalid("file", "empty; the first row must be a header with a phone_number column");
        var (columns, headerError) = DncImportColumns.FromHeader(header.Fields);
        if (headerError is not null)
            return headerError;
        summary.IgnoredColumns = columns!.Ignored;

        // One chunk is written while the next is read: two chunks at most are held. A file that cannot be read on
        // stops the reading, not the writing: the rows read before it are written, then the reading error is answered.
        var chunk = new List<DncNewEntry>(ChunkRows);
        Task<DncImportBatchResult>? writing = null;
        ExceptionDispatchInfo? readError = null;
        try
        {
            while (await NextAsync() is { } record)
            {
                summary.Rows++;
                var (entry, rowError) = DncImportRowParser.Parse(columns, record);
                if (rowError is null)
                    rowError = await DncScopes.CheckAsync(directory, accountId, entry!.CampaignId, DncErrors.InvalidCampaign);
                if (rowError is not null)
                {
                    summary.AddInvalid(record.Line, rowError);
                    continue;
                }
                chunk.Add(entry!);
                if (chunk.Count < ChunkRows)
                    continue;
                if (writing is not null && !Completed(summary, await writing))
                    return ConvosoErrors.Unavailable;
                writing = writer.WriteAsync(accountId, chunk);
                chunk = new List<DncNewEntry>(ChunkRows);
            }
        }
        catch (Exception ex) when (ex is TableFormatException or BadHttpRequestException or InvalidDataException or IOException)
        {
            readError = ExceptionDispatchInfo.Capture(ex);
        }
        if (writing is not null && !Completed(summary, await writing))
            return ConvosoErrors.Unavailable;
        if (chunk.Count > 0 && !Completed(summary, await writer.WriteAsync(accountId, chunk)))
            return ConvosoErrors.Unavailable;
        readError?.Throw();
        return null;
    }

    private static bool Completed(DncImportSummary summary, DncImportBatchResult result)
    {
        summary.Add(result);
        return !result.StorageUnavailable;
    }
}
