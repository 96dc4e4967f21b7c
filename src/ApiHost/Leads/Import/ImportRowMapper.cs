using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads.Insert;
using Leadline.Grains.Leads;
using static Leadline.ApiHost.Leads.Import.ImportFieldSynonyms;
using static Leadline.ApiHost.Leads.Insert.InsertParameterNames;

namespace Leadline.ApiHost.Leads.Import;

/// <summary>One column of an import file and the lead field it fills (null: the column is not stored).</summary>
public sealed record ColumnMap(string Header, string? Field);

/// <summary>
/// Turns the rows of an import file into insert requests. Each column of the header fills at most one field,
/// decided in this order:
/// <list type="number">
/// <item>an explicit parameter <c>map_&lt;Header&gt;=&lt;field&gt;</c> (header trimmed, any case; empty value: skip the column),
/// then a saved mapping's entry for the header (explicit parameters override it);</item>
/// <item>the header is a field's name (<see cref="ImportFieldSynonyms.Normalize"/>d: "First Name" is first_name);</item>
/// <item>a synonym (<see cref="ImportFieldSynonyms"/>), the cell/mobile group after the others;</item>
/// <item>an account custom field's name (normalized the same way).</item>
/// </list>
/// A field is filled by one column: a stronger rule wins, and within one rule the first column; a column whose
/// field is taken is not stored (listed in <see cref="IgnoredColumns"/>). The request's options (list_id,
/// check_dup, hopper, …) apply to every row, and each row is then validated by the insert parser itself.
/// </summary>
public sealed class ImportRowMapper
{
    /// <summary>Prefix of the explicit mapping parameters: <c>map_Phone=phone_number</c>, <c>map_Notes 2=</c> (skip).</summary>
    public const string MapPrefix = "map_";

    /// <summary>The import's parameter naming a saved mapping.</summary>
    public const string MappingParameter = "mapping";

    /// <summary>Options the request sets for the whole file; no column fills them.</summary>
    private static readonly IReadOnlySet<string> FileOptions =
        new HashSet<string>(All.Where(name => name is not PhoneNumber and not PhoneCode), StringComparer.Ordinal);

    /// <summary>The fields a column may fill besides custom fields, by normalized name.</summary>
    private static readonly Dictionary<string, string> FieldsByNormalized =
        new[] { PhoneNumber, PhoneCode }.Concat(LeadFieldCatalog.Standard.Select(f => f.Name)).ToDictionary(Normalize, f => f, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> OptionsByNormalized =
        FileOptions.ToDictionary(Normalize, o => o, StringComparer.Ordinal);

    private const int MaxHeadersInText = 20;

    private readonly string?[] _fields;
    private readonly IReadOnlyDictionary<string, string> _options;
    private readonly IReadOnlyDictionary<string, int> _customFields;

    private ImportRowMapper(IReadOnlyList<ColumnMap> mapping, IReadOnlyDictionary<string, string> options, IReadOnlyDictionary<string, int> customFields)
    {
        Mapping = mapping;
        _fields = mapping.Select(m => m.Field).ToArray();
        _options = options;
        _customFields = customFields;
        IgnoredColumns = mapping.Where(m => m.Field is null).Select(m => m.Header).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Header columns that fill no field (their values are not stored), sorted.</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    /// <summary>Each column of the file (header trimmed) and the field it fills (null: not stored), in file order: what the answer lists.</summary>
    public IReadOnlyList<ColumnMap> Mapping { get; }

    /// <summary>
    /// The field each header column fills (null: none), never failing, so a page can show it for the operator to
    /// correct: the same rules as <see cref="Create"/>, where a wrong <c>map_</c> parameter or saved entry is
    /// passed over instead of refused, and a file without a phone_number column is still proposed.
    /// </summary>
    public static IReadOnlyList<ColumnMap> Propose(IReadOnlyList<string> header, IReadOnlyDictionary<string, string> parameters,
        IReadOnlyDictionary<string, int> customFields, IReadOnlyDictionary<string, string?>? saved = null) =>
        Resolve(header, parameters, customFields, saved, strict: false).Mapping!;

    /// <summary>
    /// A mapper for this header, or why the file cannot be imported: a <c>map_</c> parameter naming no column of the
    /// file, no field of the account or a whole-file option (6050 naming it); two <c>map_</c> parameters filling one
    /// field (6050); a saved entry naming a field the account no longer has (6050 naming <c>mapping</c>); no column
    /// filling phone_number after mapping (4000, naming the headers seen).
    /// </summary>
    /// <param name="saved">A saved mapping (header → field, null or empty: skip), applied under the explicit parameters.</param>
    public static (ImportRowMapper? Mapper, ConvosoError? Error) Create(string[] header, IReadOnlyDictionary<string, string> parameters,
        IReadOnlyDictionary<string, int> customFields, IReadOnlyDictionary<string, string?>? saved = null)
    {
        var (mapping, error) = Resolve(header, parameters, customFields, saved, strict: true);
        if (error is not null)
            return (null, error);
        var options = parameters.Where(p => FileOptions.Contains(p.Key) || p.Key == PhoneCode)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return (new ImportRowMapper(mapping!, options, customFields), null);
    }

    /// <summary>
    /// The field a mapping value names (<c>map_X=First Name</c> is first_name: any case, normalized like headers):
    /// phone_number, phone_code, a standard field or one of the account's custom fields. False with why not
    /// otherwise (a whole-file option, or no field).
    /// </summary>
    public static bool TryField(string text, IReadOnlyDictionary<string, int> customFields, out string field, out string why)
    {
        var trimmed = text.Trim();
        var normalized = Normalize(trimmed);
        why = "";
        if ((FieldsByNormalized.GetValueOrDefault(normalized) ?? CustomField(normalized, trimmed, customFields)) is { } found)
        {
            field = found;
            return true;
        }
        why = OptionsByNormalized.TryGetValue(normalized, out var option)
            ? $"{option} is a parameter for the whole file, not a column's field"
            : $"{trimmed} is no lead field of this account (phone_number, phone_code, a standard or a custom field; empty skips the column)";
        field = "";
        return false;
    }

    /// <summary>
    /// The explicit mapping of <c>map_</c> parameters: header (trimmed, any case) → (parameter, field or null = skip).
    /// Strict: a parameter that names no column after map_ or no field, or one column named twice with two fields, is
    /// the error; otherwise such parameters are passed over.
    /// </summary>
    public static (IReadOnlyDictionary<string, (string Parameter, string? Field)>? Maps, ConvosoError? Error) ExplicitMaps(
        IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, int> customFields, bool strict = true)
    {
        var maps = new Dictionary<string, (string Parameter, string? Field)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in parameters.Where(p => p.Key.StartsWith(MapPrefix, StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var header = name[MapPrefix.Length..].Trim();
            string? field = null;
            ConvosoError? error = null;
            if (header.Length == 0)
                error = ConvosoErrors.Invalid(name, "name the column after map_, e.g. map_Phone=phone_number");
            else if (value.Trim().Length > 0 && !TryField(value, customFields, out field, out var why))
                error = ConvosoErrors.Invalid(name, why);
            else if (maps.TryGetValue(header, out var earlier) && earlier.Field != field)
                error = ConvosoErrors.Invalid(name, $"{earlier.Parameter} maps the same column to {earlier.Field ?? "nothing"}");
            if (error is not null)
            {
                if (strict)
                    return (null, error);
                continue;
            }
            maps.TryAdd(header, (name, field));
        }
        return (maps, null);
    }

    /// <summary>A blank line: skipped, not counted.</summary>
    public static bool IsBlank(string[] record) => record.Length == 1 && record[0].Trim().Length == 0;

    /// <summary>The insert request of one row, or the Convoso error an insert of it would answer.</summary>
    public (InsertLeadRequest? Request, ConvosoError? Error) Parse(string[] record)
    {
        if (record.Length != _fields.Length)
            return (null, ConvosoErrors.InvalidField("row", $"has {record.Length} fields, the header has {_fields.Length}"));
        var values = new Dictionary<string, string>(_options, StringComparer.Ordinal);
        for (var i = 0; i < _fields.Length; i++)
        {
            if (_fields[i] is not { } field)
                continue;
            // A blank phone_code cell means the file's (or the default) phone_code.
            if (field == PhoneCode && record[i].Trim().Length == 0)
                continue;
            values[field] = record[i];
        }
        return InsertLeadParser.Parse(values, _customFields);
    }

    /// <summary>How a column came to its field; the lower wins a field two columns propose.</summary>
    private enum Rule { Explicit, Saved, Name, Synonym, CellPhone, CustomField }

    private readonly record struct Candidate(int Column, Rule Rule, string? Field, string? Parameter = null, string? FieldWithoutPhoneNumber = null);

    private static (IReadOnlyList<ColumnMap>? Mapping, ConvosoError? Error) Resolve(IReadOnlyList<string> header,
        IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, int> customFields,
        IReadOnlyDictionary<string, string?>? saved, bool strict)
    {
        var headers = header.Select(h => h.Trim().Trim('\uFEFF').Trim()).ToArray();
        var (explicitMaps, error) = ExplicitMaps(parameters, customFields, strict);
        if (error is not null)
            return (null, error);
        if (strict && explicitMaps!.FirstOrDefault(m => !headers.Contains(m.Key, StringComparer.OrdinalIgnoreCase)) is { Key: not null } stray)
            return (null, ConvosoErrors.Invalid(stray.Value.Parameter, $"the file has no column {stray.Key} (its columns: {Seen(headers)})"));
        var savedMaps = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (column, field) in saved ?? new Dictionary<string, string?>())
            savedMaps.TryAdd(column.Trim(), field);

        var candidates = new List<Candidate>(headers.Length);
        for (var i = 0; i < headers.Length; i++)
        {
            if (explicitMaps!.TryGetValue(headers[i], out var map))
                candidates.Add(new Candidate(i, Rule.Explicit, map.Field, map.Parameter));
            else if (savedMaps.TryGetValue(headers[i], out var savedField))
            {
                if (savedField is null || savedField.Trim().Length == 0)
                    candidates.Add(new Candidate(i, Rule.Saved, null));
                else if (TryField(savedField, customFields, out var field, out var why))
                    candidates.Add(new Candidate(i, Rule.Saved, field));
                else if (strict)
                    return (null, ConvosoErrors.Invalid(MappingParameter, $"the saved mapping fills {savedField} from column {headers[i]}, but {why}"));
                else
                    candidates.Add(Infer(i, headers[i], customFields));
            }
            else
                candidates.Add(Infer(i, headers[i], customFields));
        }

        var fields = new string?[headers.Length];
        var filledBy = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var candidate in candidates.Where(c => c.Field is not null).OrderBy(c => c.Rule).ThenBy(c => c.Column))
        {
            var field = candidate.FieldWithoutPhoneNumber is { } otherwise && !filledBy.ContainsKey(otherwise) ? otherwise : candidate.Field!;
            if (filledBy.TryGetValue(field, out var first))
            {
                // Two parameters that send two columns into one field are a mistake to point out, not to guess at.
                if (strict && candidate.Rule == Rule.Explicit && first.Rule == Rule.Explicit && first.Parameter != candidate.Parameter)
                    return (null, ConvosoErrors.Invalid(candidate.Parameter!,
                        $"{first.Parameter} fills {field} already: a field is filled by one column"));
                continue;
            }
            filledBy[field] = candidate;
            fields[candidate.Column] = field;
        }

        if (strict && !filledBy.ContainsKey(PhoneNumber))
        {
            var example = headers.FirstOrDefault(h => h.Length > 0) ?? "Phone";
            return (null, ConvosoErrors.Malformed(
                $"The file has no phone_number column (columns seen: {Seen(headers)}); map one with map_<column>=phone_number, e.g. map_{example}=phone_number"));
        }
        return (headers.Select((h, i) => new ColumnMap(h, fields[i])).ToList(), null);
    }

    /// <summary>What a column fills by its own name: a field's name, a synonym, or a custom field's name.</summary>
    private static Candidate Infer(int column, string header, IReadOnlyDictionary<string, int> customFields)
    {
        var normalized = Normalize(header);
        if (normalized.Length == 0)
            return new Candidate(column, Rule.Name, null);
        if (FieldsByNormalized.TryGetValue(normalized, out var field))
            return new Candidate(column, Rule.Name, field);
        if (Find(normalized) is { } group)
            return group.FieldWithoutPhoneNumber is null
                ? new Candidate(column, Rule.Synonym, group.Field)
                : new Candidate(column, Rule.CellPhone, group.Field, FieldWithoutPhoneNumber: group.FieldWithoutPhoneNumber);
        return new Candidate(column, Rule.CustomField, CustomField(normalized, header, customFields));
    }

    /// <summary>The custom field named <paramref name="text"/>: exactly (any case), else normalized (the first by name).</summary>
    private static string? CustomField(string normalized, string text, IReadOnlyDictionary<string, int> customFields)
    {
        var lower = text.Trim().ToLowerInvariant();
        if (customFields.ContainsKey(lower))
            return lower;
        return customFields.Keys.Where(name => Normalize(name) == normalized).Order(StringComparer.Ordinal).FirstOrDefault();
    }

    private static string Seen(IReadOnlyList<string> headers) =>
        string.Join(", ", headers.Take(MaxHeadersInText).Select(h => h.Length == 0 ? "(blank)" : h))
        + (headers.Count > MaxHeadersInText ? $", … ({headers.Count} in all)" : "");
}
