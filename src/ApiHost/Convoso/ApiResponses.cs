using System.Globalization;
using System.Text.Json;

namespace Leadline.ApiHost.Convoso;

/// <summary>
/// How values are written in every /v1 answer: ids as strings and times as ISO 8601 UTC, so every client
/// language parses them the same way. (The answers themselves are written by <see cref="V1.ApiResult"/>.)
/// </summary>
public static class ApiResponses
{
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
}
