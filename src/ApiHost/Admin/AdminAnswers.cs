using System.Globalization;
using System.Text.Json;
using Leadline.ApiHost.V1;

namespace Leadline.ApiHost.Admin;

/// <summary>Answers the admin families share beside <see cref="ApiResult"/>'s own shapes.</summary>
public static class AdminAnswers
{
    /// <summary>
    /// Convoso's Lists Search / Campaigns Search shape, <c>{"success":true,"data":[{…},…]}</c> (data an array),
    /// with Leadline's paging beside it as additions: <c>"offset"</c>, <c>"limit"</c> and <c>"total"</c> (all
    /// matches; a string, as Convoso's paged searches send it).
    /// </summary>
    public static ApiResult Entries<T>(Page page, long total, IEnumerable<T> rows, Action<Utf8JsonWriter, T> fields) =>
        ApiResult.DataArray(rows, fields, json =>
        {
            json.WriteNumber("offset", page.Offset);
            json.WriteNumber("limit", page.Limit);
            json.WriteString("total", total.ToString(CultureInfo.InvariantCulture));
        });
}
