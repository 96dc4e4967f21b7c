using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Leadline.ApiHost.Convoso;

/// <summary>
/// Convoso's request model: one flat set of name=value pairs from the query string and the body (the body
/// wins). The body may be a form (urlencoded or multipart) or a flat JSON object, as typed clients send it;
/// a Content-Type without a body is ignored (clients put <c>application/json</c> on every call, GETs too).
/// Nested or array names, nested JSON values and repeated names are refused, not guessed at.
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

        if (request.HasFormContentType)
            return await ReadFormAsync(request, values);
        if (!MayHaveBody(request))
            return (values, null);

        byte[] body;
        try
        {
            body = await ReadBodyAsync(request);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ConvosoErrors.BodyTooLarge(MaxBodyBytes));
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException)
        {
            return (null, ConvosoErrors.Malformed("The body could not be read: " + ex.Message));
        }
        if (body.AsSpan().Trim(" \t\r\n"u8).Length == 0)
            return (values, null); // a header without a body: nothing to read, whatever Content-Type said
        if (!LooksLikeJson(request.ContentType, body))
            return (null, ConvosoErrors.Malformed(
                "Send parameters in the query string, as a form (application/x-www-form-urlencoded or multipart/form-data) or as a flat JSON object"));
        return AddJsonObject(values, body) is { } jsonError ? (null, jsonError) : (values, null);
    }

    /// <summary>Kestrel's body limit for the form endpoints; a larger body answers 413.</summary>
    public static void LimitBody(HttpContext context, long maxBytes = MaxBodyBytes)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = maxBytes;
    }

    private static async Task<(IReadOnlyDictionary<string, string>?, ConvosoError?)> ReadFormAsync(
        HttpRequest request, Dictionary<string, string> values)
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
        // Without a query string the body's values are the request's: read them straight in (one dictionary, sized once).
        var bodyValues = values.Count == 0 ? values : new Dictionary<string, string>(form.Count, StringComparer.Ordinal);
        bodyValues.EnsureCapacity(form.Count);
        if (AddAll(bodyValues, form, "body") is { } bodyError)
            return (null, bodyError);
        if (!ReferenceEquals(bodyValues, values))
            foreach (var (name, value) in bodyValues)
                values[name] = value;
        return (values, null);
    }

    private static bool MayHaveBody(HttpRequest request) =>
        request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0
        || (request.ContentLength is null && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        if (buffer.Length > MaxBodyBytes) // a test host has no Kestrel limit
            throw new BadHttpRequestException("body too large", StatusCodes.Status413PayloadTooLarge);
        return buffer.ToArray();
    }

    private static bool LooksLikeJson(string? contentType, byte[] body) =>
        (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false)
        || body.AsSpan().TrimStart(" \t\r\n"u8) is [(byte)'{', ..];

    /// <summary>
    /// A flat JSON object's members as parameters: strings as they are, numbers as written, true/false as
    /// those words (which every flag accepts), null as absent. Objects and arrays are refused.
    /// </summary>
    internal static ConvosoError? AddJsonObject(Dictionary<string, string> into, byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            return ConvosoErrors.Malformed("The JSON body could not be read: " + ex.Message);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return ConvosoErrors.Malformed("A JSON body must be one object of name/value pairs");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var bodyValues = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(member.Name))
                    return ConvosoErrors.Malformed($"Parameter {member.Name} is given more than once in the body");
                if (IsNested(member.Name))
                    return Nested(member.Name);
                switch (member.Value.ValueKind)
                {
                    case JsonValueKind.String when TryGetString(member.Value, out var text):
                        bodyValues[member.Name] = text;
                        break;
                    case JsonValueKind.String:
                        return ConvosoErrors.Malformed($"Parameter {member.Name} holds an invalid \\u escape (a lone surrogate)");
                    case JsonValueKind.Number:
                        bodyValues[member.Name] = member.Value.GetRawText();
                        break;
                    case JsonValueKind.True:
                        bodyValues[member.Name] = "true";
                        break;
                    case JsonValueKind.False:
                        bodyValues[member.Name] = "false";
                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        return Nested(member.Name);
                }
            }
            if (FirstWithNul(bodyValues) is { } nul)
                return nul;
            foreach (var (name, value) in bodyValues)
                into[name] = value;
        }
        return null;
    }

    /// <summary>
    /// PostgreSQL text cannot hold NUL, so no parameter may: refused here, once for every family (a query
    /// string's %00 and a JSON "\u0000" reach no parser, no SQL).
    /// </summary>
    private static ConvosoError? FirstWithNul(Dictionary<string, string> values)
    {
        foreach (var (name, value) in values) // the dictionary's own enumerator: every request passes here
            if (name.Contains('\0') || value.Contains('\0'))
                return ConvosoErrors.Malformed($"Parameter {name.Replace("\0", "")} contains a NUL character");
        return null;
    }

    /// <summary>A JSON string's text; false for one that escapes a lone UTF-16 surrogate (valid JSON, no valid text).</summary>
    private static bool TryGetString(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    internal static ConvosoError? AddAll(
        Dictionary<string, string> into, IEnumerable<KeyValuePair<string, StringValues>> pairs, string source)
    {
        foreach (var (name, value) in pairs)
        {
            if (name.TrimStart().StartsWith('{') || name.TrimStart().StartsWith('['))
                return ConvosoErrors.Malformed("A JSON body needs Content-Type: application/json; this one was sent as a form");
            if (IsNested(name))
                return Nested(name);
            // A client that adds a parameter twice with the same value (go-convoso's list_id) meant it once.
            if (value.Count > 1 && value.Distinct(StringComparer.Ordinal).Skip(1).Any())
                return ConvosoErrors.Malformed($"Parameter {name} is given more than once in the {source}, with different values");
            into[name] = value[0] ?? "";
        }
        return FirstWithNul(into);
    }

    private static bool IsNested(string name) => name.Contains('[') || name.Contains(']');

    private static ConvosoError Nested(string name) =>
        ConvosoErrors.Malformed($"Nested or array parameters are not supported: {name}");
}
