using System.Text;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.Grains.PhoneShards;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Leadline.ApiHost.DncApi.Import;

/// <summary>
/// POST /v1/dnc/import: a CSV file (multipart/form-data, header row, column phone_number and optional
/// phone_code, campaign_id, reason, purpose) added to the account's DNC lists. The file is read as it
/// arrives and written in chunks while the next chunk is read, so memory stays bounded whatever its size.
/// auth_token comes in the query string or as a form field before the file. Answers a summary: inserted,
/// already_exists, invalid rows (row = file line; the header is line 1).
/// </summary>
public static class ImportEndpoint
{
    public const long MaxBodyBytes = 200L * 1024 * 1024;
    public const int ChunkRows = 8192;
    private const int MaxFieldChars = 4096;

    // Fields after the file are never read: the file is processed as it arrives, under a known account.
    private static readonly ConvosoError TokenNotBeforeFile = ConvosoErrors.TokenMissing with
    {
        Text = "auth_token is required, in the query string or as a form field before the file",
    };

    public static async Task HandleAsync(HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, DncImportWriter writer)
    {
        // The form endpoints' 1 MB limit is Kestrel's default here; an import has its own.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBodyBytes;
        var summary = new DncImportSummary();
        ConvosoError? error;
        try
        {
            error = http.Request.ContentLength > MaxBodyBytes
                ? ConvosoErrors.BodyTooLarge(MaxBodyBytes)
                : await ImportAsync(http.Request, auth, directory, writer, summary);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            error = ConvosoErrors.BodyTooLarge(MaxBodyBytes);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException or IOException or DecoderFallbackException)
        {
            error = ConvosoErrors.Malformed("The upload could not be read: " + ex.Message);
        }

        await WriteAnswerAsync(http.Response, summary, error);
    }

    /// <summary>The summary, or the error and (when it stopped part way) what was done before it.</summary>
    public static Task WriteAnswerAsync(HttpResponse response, DncImportSummary summary, ConvosoError? error)
    {
        if (error is null)
            return ApiResponses.WriteSuccessAsync(response, summary.Write);
        if (summary.Rows == 0)
            return ConvosoResponses.WriteErrorAsync(response, error);
        // stopped part way: say what was done, so a re-upload is understood (done rows answer already_exists)
        return ApiResponses.WriteErrorAsync(response, error, summary.Write);
    }

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

    private static async Task<ConvosoError?> ImportAsync(
        HttpRequest request, ApiTokenAuthenticator auth, AccountDirectory directory, DncImportWriter writer, DncImportSummary summary)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
            return ConvosoErrors.Malformed("Send the CSV file as multipart/form-data (a file part with a filename)");

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (AddQuery(values, request.Query) is { } queryError)
            return queryError;

        var multipart = new MultipartReader(boundary, request.Body);
        MultipartSection? file = null;
        while (file is null && await multipart.ReadNextSectionAsync() is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                return ConvosoErrors.Malformed("A multipart section has no Content-Disposition");
            if (disposition.IsFileDisposition())
                file = section;
            else if (await ReadFieldAsync(values, HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "", section) is { } fieldError)
                return fieldError;
        }

        if (file is not null && ApiParameters.Get(values, ApiCall.AuthToken) is null)
            return TokenNotBeforeFile;
        var (token, authError) = await auth.AuthenticateAsync(values.GetValueOrDefault(ApiCall.AuthToken), ApiScopes.Dnc);
        if (authError is not null)
            return authError;
        if (file is null)
            return ConvosoErrors.Required("file (a multipart part with a filename, holding the CSV)");

        using var text = Utf8Reader(file.Body);
        return await ImportRowsAsync(new CsvRowReader(text), token!.AccountId, directory, writer, summary);
    }

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
                rowError = await DncScopes.CheckAsync(directory, accountId, entry!.CampaignId);
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

    /// <summary>The query string's parameters, flat as everywhere in /v1 (a nested or repeated name is refused).</summary>
    private static ConvosoError? AddQuery(Dictionary<string, string> values, IQueryCollection query)
    {
        foreach (var (name, value) in query)
        {
            if (Nested(name) || value.Count > 1)
                return ConvosoErrors.Malformed($"Parameter {name} is nested or given more than once");
            values[name] = value.ToString();
        }
        return null;
    }

    private static async Task<ConvosoError?> ReadFieldAsync(Dictionary<string, string> values, string name, MultipartSection section)
    {
        if (Nested(name) || !values.TryAdd(name, ""))
            return ConvosoErrors.Malformed($"Parameter {name} is nested or given more than once");
        using var reader = new StreamReader(section.Body, Encoding.UTF8);
        var buffer = new char[MaxFieldChars + 1];
        var length = await reader.ReadBlockAsync(buffer);
        if (length > MaxFieldChars)
            return ConvosoErrors.Malformed($"Parameter {name} is longer than {MaxFieldChars} characters");
        values[name] = new string(buffer, 0, length);
        return null;
    }

    private static bool Nested(string name) => name.Contains('[') || name.Contains(']');
}
