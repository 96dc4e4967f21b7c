using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Leadline.ApiHost.Convoso;

/// <summary>
/// Convoso's request model: one flat set of name=value pairs from the query string and the form body
/// (the body wins). Nested or array names, repeated names and JSON bodies are refused, not guessed at.
/// </summary>
public static class FlatParameters
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static async Task<(IReadOnlyDictionary<string, string>? Values, ConvosoError? Error)> ReadAsync(HttpRequest request)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (AddAll(values, request.Query, "query string") is { } queryError)
            return (null, queryError);

        if (request.ContentLength > MaxBodyBytes)
            return (null, ConvosoErrors.BodyTooLarge(MaxBodyBytes));

        var contentType = request.ContentType ?? "";
        if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            return (null, JsonRefused);

        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync();
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return (null, ConvosoErrors.BodyTooLarge(MaxBodyBytes));
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
            {
                return (null, ConvosoErrors.Malformed("The form body could not be read: " + ex.Message));
            }
            var bodyValues = new Dictionary<string, string>(StringComparer.Ordinal);
            if (AddAll(bodyValues, form, "body") is { } bodyError)
                return (null, bodyError);
            foreach (var (name, value) in bodyValues)
                values[name] = value;
        }
        else if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0
                 || (request.ContentLength is null && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true))
        {
            return (null, ConvosoErrors.Malformed(
                "Send parameters as application/x-www-form-urlencoded (or multipart/form-data) or in the query string"));
        }

        return (values, null);
    }

    /// <summary>Kestrel's body limit for the form endpoints; a larger body answers 413.</summary>
    public static void LimitBody(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = MaxBodyBytes;
    }

    private static readonly ConvosoError JsonRefused =
        ConvosoErrors.Malformed("JSON bodies are not supported; send form-encoded parameters");

    internal static ConvosoError? AddAll(
        Dictionary<string, string> into, IEnumerable<KeyValuePair<string, StringValues>> pairs, string source)
    {
        foreach (var (name, value) in pairs)
        {
            if (name.TrimStart().StartsWith('{') || name.TrimStart().StartsWith('['))
                return JsonRefused;
            if (name.Contains('[') || name.Contains(']'))
                return ConvosoErrors.Malformed($"Nested or array parameters are not supported: {name}");
            if (value.Count > 1)
                return ConvosoErrors.Malformed($"Parameter {name} is given more than once in the {source}");
            into[name] = value.ToString();
        }
        return null;
    }
}
