using System.Text;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;
using Leadline.Grains.PhoneShards;

namespace Leadline.ApiHost.DncApi.Import;

/// <summary>
/// /v1/dnc/import (Leadline's; Convoso has no DNC upload): a CSV file (header row, column phone_number and
/// optional phone_code, campaign_id, reason, purpose) added to the account's DNC lists. The pipeline reads the
/// query string and the form fields before the file part (or takes a text/csv body with the parameters in the
/// query string) and authenticates; the file is read here as it arrives and written in chunks while the next
/// chunk is read, so memory stays bounded whatever its size. Answers a summary: inserted, already_exists,
/// invalid rows (row = file line; the header is line 1).
/// </summary>
public static class ImportEndpoint
{
    public const long MaxBodyBytes = 200L * 1024 * 1024;
    public const int ChunkRows = 8192;

    public static readonly ApiEndpoint Contract = new(ApiScopes.Dnc, ApiDialect.Convoso,
        "Import a CSV of DNC entries (Leadline): multipart/form-data with auth_token before the file part, or a text/csv body with auth_token in the query string")
    {
        Body = ApiBody.Upload,
        MaxBodyBytes = MaxBodyBytes,
        ExampleAnswer = """{"success":true,"data":{"rows":3,"inserted":2,"already_exists":0,"invalid_count":1,"invalid":[{"row":3,"code":6007,"text":"Invalid Phone Number (phone_number)"}],"hopper_removed":0,"ignored_columns":[]}}""",
    };

    internal static async Task<ApiResult> HandleAsync(ApiRequest request, AccountDirectory directory, DncImportWriter writer)
    {
        var summary = new DncImportSummary();
        ConvosoError? error;
        try
        {
            using var text = Utf8Reader(request.Upload);
            error = await ImportRowsAsync(new CsvRowReader(text), request.AccountId, directory, writer, summary);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            error = ConvosoErrors.BodyTooLarge(MaxBodyBytes); // a chunked upload that went past the limit: what was done is said
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException or IOException or DecoderFallbackException)
        {
            error = ConvosoErrors.Malformed("The upload could not be read: " + ex.Message);
        }
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
    /// A CSV file received some other way (the dashboard's upload, under the operator's account) through
    /// the same rows, checks and writer as this endpoint.
    /// </summary>
    public static async Task<ConvosoError?> ImportFileAsync(
        Stream file, long accountId, AccountDirectory directory, DncImportWriter writer, DncImportSummary summary)
    {
        try
        {
            using var text = Utf8Reader(file);
            return await ImportRowsAsync(new CsvRowReader(text), accountId, directory, writer, summary);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or DecoderFallbackException)
        {
            return ConvosoErrors.Malformed("The upload could not be read: " + ex.Message);
        }
    }

    private static StreamReader Utf8Reader(Stream file) =>
        new(file, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, 16 * 1024);

    private static async Task<ConvosoError?> ImportRowsAsync(
        CsvRowReader csv, long accountId, AccountDirectory directory, DncImportWriter writer, DncImportSummary summary)
    {
        if (await csv.ReadAsync() is not { } header)
            return ConvosoErrors.Invalid("file", "empty; the first row must be a header with a phone_number column");
        var (columns, headerError) = DncImportColumns.FromHeader(header.Fields);
        if (headerError is not null)
            return headerError;
        summary.IgnoredColumns = columns!.Ignored;

        // One chunk is written while the next is read: two chunks at most are held.
        var chunk = new List<DncNewEntry>(ChunkRows);
        Task<DncImportBatchResult>? writing = null;
        while (await csv.ReadAsync() is { } record)
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
        if (writing is not null && !Completed(summary, await writing))
            return ConvosoErrors.Unavailable;
        if (chunk.Count > 0 && !Completed(summary, await writer.WriteAsync(accountId, chunk)))
            return ConvosoErrors.Unavailable;
        return null;
    }

    private static bool Completed(DncImportSummary summary, DncImportBatchResult result)
    {
        summary.Add(result);
        return !result.StorageUnavailable;
    }
}
