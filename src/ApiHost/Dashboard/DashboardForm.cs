namespace Leadline.ApiHost.Dashboard;

/// <summary>
/// A page's form or query fields as the API's flat parameters: only the names given, blank ones left out,
/// so the API's own parser reads exactly what an API client would have sent.
/// </summary>
public static class DashboardForm
{
    public static Dictionary<string, string> Values(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> fields,
        IEnumerable<string> names)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
            if (wanted.Contains(name) && value.ToString().Trim() is { Length: > 0 } text)
                values[name] = text;
        return values;
    }

    /// <summary>The query string of another page of the same search: the same filters at another offset.</summary>
    public static string PageLink(IReadOnlyDictionary<string, string> values, string offsetName, int offset) =>
        "?" + string.Join("&", values.Where(v => v.Key != offsetName)
            .Append(new(offsetName, offset.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"));
}
