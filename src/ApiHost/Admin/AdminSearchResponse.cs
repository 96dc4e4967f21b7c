using System.Text.Json;
using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.Admin;

/// <summary>The answer of every admin search, shaped like Convoso's searches: offset, limit, total, entries.</summary>
public static class AdminSearchResponse
{
    public static Task WriteAsync<T>(HttpResponse response, Page page, long total, IReadOnlyList<T> entries, Action<Utf8JsonWriter, T> writeEntry) =>
        ApiResponses.WriteSuccessAsync(response, json =>
        {
            json.WriteNumber("offset", page.Offset);
            json.WriteNumber("limit", page.Limit);
            json.WriteNumber("total", total);
            json.WriteStartArray("entries");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                writeEntry(json, entry);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });

    public static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? at)
    {
        if (at is { } time)
            json.WriteString(name, ApiResponses.Time(time));
        else
            json.WriteNull(name);
    }
}
