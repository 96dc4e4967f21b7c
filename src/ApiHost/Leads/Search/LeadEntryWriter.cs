using System.Globalization;
using System.Text.Json;
using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.Leads.Search;

/// <summary>
/// Writes the fields of one found lead as Convoso does: every standard field and every custom field of the
/// account, each a string or null (ids too, as typed clients decode them), plus <c>id</c> (= lead_id),
/// created_by / last_modified_by (user ids), <c>user_id</c> (the lead's user: Leadline has no agents, so it
/// is the user that created the lead, = created_by), and created_at / modified_at / updated_at in ISO 8601
/// UTC (updated_at is Convoso's name for modified_at).
/// </summary>
public static class LeadEntryWriter
{
    public const string UserId = "user_id";

    private static readonly IReadOnlyDictionary<string, string> Renamed = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["modified_by"] = "last_modified_by",
    };

    /// <summary>The entry's members; the caller writes the object around them.</summary>
    public static void WriteFields(Utf8JsonWriter json, object?[] row, IReadOnlyList<string> customFields)
    {
        json.WriteString("id", Text(row[0]));
        for (var i = 0; i < row.Length; i++)
        {
            var column = LeadSearchSql.EntryColumns[i];
            if (column == "custom_fields")
                WriteCustomFields(json, (string?)row[i], customFields);
            else if (column is "created_at" or "modified_at")
                json.WriteString(column, Time(row[i]));
            else
                WriteText(json, Renamed.GetValueOrDefault(column, column), Text(row[i]));
            if (column == "created_by")
                WriteText(json, UserId, Text(row[i]));
        }
        json.WriteString("updated_at", Time(row[ModifiedAt]));
    }

    private static readonly int ModifiedAt = LeadSearchSql.EntryColumns.ToList().IndexOf("modified_at");

    /// <summary>timestamptz arrives as a UTC DateTime.</summary>
    private static string Time(object? value) =>
        ApiResponses.Time(new DateTimeOffset(DateTime.SpecifyKind((DateTime)value!, DateTimeKind.Utc)));

    private static void WriteCustomFields(Utf8JsonWriter json, string? stored, IReadOnlyList<string> customFields)
    {
        using var values = JsonDocument.Parse(stored ?? "{}");
        foreach (var name in customFields)
        {
            if (LeadSearchSql.EntryColumns.Contains(name) || name == UserId)
                continue; // a custom field may not shadow a standard one (insert never stores it either), nor user_id (the creator here)
            WriteText(json, name, values.RootElement.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
                : null);
        }
    }

    private static void WriteText(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
