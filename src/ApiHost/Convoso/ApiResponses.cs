using System.Globalization;
using System.Text.Json;
namespace Leadline.ApiHost.Convoso;

/// <summary>
/// Answers of every /v1 endpoint but insert, in Convoso's envelope: <c>{"success":true,"data":{…}}</c>, or
/// <c>{"success":false,"code":N,"text":"…"}</c> (with <c>data</c> when part of a batch was applied).
/// Ids are strings and times ISO 8601 UTC, so every client language parses them the same way.
/// </summary>
public static class ApiResponses
{
    public static Task WriteSuccessAsync(HttpResponse response, Action<Utf8JsonWriter> data) =>
        WriteAsync(response, StatusCodes.Status200OK, json =>
        {
            json.WriteBoolean("success", true);
            json.WriteStartObject("data");
            data(json);
            json.WriteEndObject();
        });

    /// <summary>Success with the request's unknown parameter names listed beside data, as insert does.</summary>
    public static Task WriteSuccessAsync(HttpResponse response, Action<Utf8JsonWriter> data, IReadOnlyList<string> ignored) =>
        WriteAsync(response, StatusCodes.Status200OK, json =>
        {
            json.WriteBoolean("success", true);
            json.WriteStartObject("data");
            data(json);
            json.WriteEndObject();
            ConvosoResponses.WriteIgnored(json, ignored);
        });

    /// <summary>An error that still reports what was done, e.g. the known lease ids of a batch that was acked.</summary>
    public static Task WriteErrorAsync(HttpResponse response, ConvosoError error, Action<Utf8JsonWriter> data) =>
        WriteAsync(response, error.HttpStatus, json =>
        {
            json.WriteBoolean("success", false);
            json.WriteNumber("code", error.Code);
            json.WriteString("text", error.Text);
            json.WriteStartObject("data");
            data(json);
            json.WriteEndObject();
        });

    /// <summary>A search's answer, shaped like Convoso's searches: offset, limit, total, entries (one object each).</summary>
    public static Task WritePageAsync<T>(HttpResponse response, int offset, int limit, long total, IEnumerable<T> entries,
        Action<Utf8JsonWriter, T> writeFields) =>
        WriteSuccessAsync(response, json =>
        {
            json.WriteNumber("offset", offset);
            json.WriteNumber("limit", limit);
            json.WriteNumber("total", total);
            json.WriteStartArray("entries");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                writeFields(json, entry);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });

    /// <summary>A time in the API's format, or null.</summary>
    public static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? at)
    {
        if (at is { } time)
            json.WriteString(name, Time(time));
        else
            json.WriteNull(name);
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static async Task WriteAsync(HttpResponse response, int status, Action<Utf8JsonWriter> body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(response.BodyWriter);
        json.WriteStartObject();
        body(json);
        json.WriteEndObject();
        await json.FlushAsync();
    }
}
