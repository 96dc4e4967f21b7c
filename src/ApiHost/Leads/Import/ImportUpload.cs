using System.Text;
using Leadline.ApiHost.Convoso;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Leadline.ApiHost.Leads.Import;

/// <summary>
/// The parameters and the CSV stream of an import upload, read without buffering the file: a
/// multipart/form-data body whose parameter parts come before the file part (the file is then read as it
/// arrives), or a text/csv body with the parameters in the query string. The query string counts in both
/// cases; a body part wins over it, as for every /v1 endpoint. <see cref="FileName"/> is the file part's
/// Content-Disposition filename (null for a text/csv body): the importers tell a .xlsx workbook by it (or by its first bytes).
/// </summary>
public sealed record ImportUpload(IReadOnlyDictionary<string, string> Values, Stream Csv, string? FileName = null)
{
    public const long MaxBodyBytes = 500L * 1024 * 1024;
    private const int MaxParameterChars = 64 * 1024;

    /// <summary>
    /// The parameters and the file, or why the upload cannot be read: the /v1 pipeline calls this for
    /// <c>ApiBody.Upload</c> endpoints before it authenticates, so a broken upload is an answer (4000, or 413
    /// past <paramref name="maxBodyBytes"/>), never an exception.
    /// </summary>
    public static async Task<(ImportUpload? Upload, ConvosoError? Error)> OpenAsync(HttpRequest request, long maxBodyBytes = MaxBodyBytes)
    {
        try
        {
            return await ReadAsync(request, maxBodyBytes);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ConvosoErrors.BodyTooLarge(maxBodyBytes));
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException or IOException)
        {
            return (null, ConvosoErrors.Malformed("The upload could not be read: " + ex.Message));
        }
    }

    private static async Task<(ImportUpload? Upload, ConvosoError? Error)> ReadAsync(HttpRequest request, long maxBodyBytes)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (FlatParameters.AddAll(values, request.Query, "query string") is { } queryError)
            return (null, queryError);
        if (request.ContentLength > maxBodyBytes)
            return (null, ConvosoErrors.BodyTooLarge(maxBodyBytes));

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
            return (null, WrongContent);
        if (mediaType.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)
            || mediaType.MediaType.Equals("application/csv", StringComparison.OrdinalIgnoreCase))
            return (new ImportUpload(values, request.Body), null);
        if (!mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
            return (null, WrongContent);

        var reader = new MultipartReader(boundary, request.Body);
        var parts = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                return (null, ConvosoErrors.Malformed("A multipart section has no Content-Disposition"));
            if (disposition.IsFileDisposition())
            {
                if (FlatParameters.AddAll(values, parts, "body") is { } partError)
                    return (null, partError);
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                return (new ImportUpload(values, section.Body, string.IsNullOrWhiteSpace(fileName) ? null : fileName), null);
            }
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (await ReadLimitedAsync(section.Body) is not { } value)
                return (null, ConvosoErrors.Malformed($"Parameter {name} is longer than {MaxParameterChars} characters"));
            parts[name] = StringValues.Concat(parts.GetValueOrDefault(name), value);
        }
        return (null, ConvosoErrors.Malformed("No file part: send the CSV as a multipart file field, after the parameters"));
    }

    private static readonly ConvosoError WrongContent = ConvosoErrors.Malformed(
        "Send the CSV file as multipart/form-data (parameters first, then the file), or as a text/csv body with the parameters in the query string");

    private static async Task<string?> ReadLimitedAsync(Stream body)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var buffer = new char[MaxParameterChars + 1];
        var length = 0;
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(length))) > 0)
        {
            length += read;
            if (length > MaxParameterChars)
                return null;
        }
        return new string(buffer, 0, length);
    }
}
