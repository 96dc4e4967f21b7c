using Leadline.ApiHost.Admin;
using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.Leads.Import.Mappings;

/// <summary>A mapping to save: its name and header → field (null: skip the column).</summary>
public sealed record ImportMappingRequest(string Name, IReadOnlyDictionary<string, string?> Columns);

/// <summary>
/// The parameters of /v1/import-mappings/save: <c>name</c> and the same <c>map_&lt;Header&gt;=&lt;field&gt;</c> parameters the
/// import takes (empty value: skip the column), checked as the import checks them, so a saved mapping is one the
/// import can use. Pure (needs only the account's custom fields), unit-tested; the dashboard can use it too.
/// </summary>
public static class ImportMappingParser
{
    public const string Name = "name";
    public const int MaxNameLength = 100;
    public const int MaxColumns = 1000;
    public const int MaxHeaderLength = 255;

    public static (ImportMappingRequest? Request, ConvosoError? Error) Parse(
        IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, int> customFields)
    {
        if (!AdminParameters.TryText(values, Name, MaxNameLength, required: true, out var name, out var error))
            return (null, error);
        var (maps, mapError) = ImportRowMapper.ExplicitMaps(values, customFields);
        if (mapError is not null)
            return (null, mapError);
        if (maps!.Count == 0)
            return (null, new ConvosoError(ErrorCodes.InvalidValue,
                "map_<column>=<field> is required: at least one, e.g. map_Phone=phone_number (an empty value skips the column)"));
        if (maps.Count > MaxColumns)
            return (null, ConvosoErrors.Invalid(ImportRowMapper.MapPrefix + "<column>", $"at most {MaxColumns} columns"));
        if (maps.FirstOrDefault(m => m.Key.Length > MaxHeaderLength || m.Key.Any(char.IsControl)) is { Key: not null } bad)
            return (null, ConvosoErrors.Invalid(bad.Value.Parameter, $"a column name of at most {MaxHeaderLength} characters, without control characters"));
        if (maps.Values.Where(m => m.Field is not null).GroupBy(m => m.Field).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            var parameters = twice.Select(m => m.Parameter).Order(StringComparer.Ordinal).ToList();
            return (null, ConvosoErrors.Invalid(parameters[1], $"{parameters[0]} fills {twice.Key} already: a field is filled by one column"));
        }
        var columns = maps.OrderBy(m => m.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(m => m.Key, m => m.Value.Field, StringComparer.Ordinal);
        return (new ImportMappingRequest(name!, columns), null);
    }
}
