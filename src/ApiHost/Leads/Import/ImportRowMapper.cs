using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads.Insert;
using Leadline.Grains.Leads;
using static Leadline.ApiHost.Leads.Insert.InsertParameterNames;

namespace Leadline.ApiHost.Leads.Import;

/// <summary>
/// Turns the rows of an import file into insert requests: the header names insert fields (phone_number
/// required; phone_code, standard and custom fields allowed), the request's options (list_id, check_dup,
/// hopper, …) apply to every row, and each row is then validated by the insert parser itself.
/// </summary>
/// <summary>One column of an import file and the lead field it fills (null: the column is not stored).</summary>
public sealed record ColumnMap(string Header, string? Field);

public sealed class ImportRowMapper
{
    /// <summary>Options the request sets for the whole file; a column may not name them.</summary>
    private static readonly IReadOnlySet<string> FileOptions =
        new HashSet<string>(All.Where(name => name is not PhoneNumber and not PhoneCode), StringComparer.Ordinal);

    private readonly string[] _columns;
    private readonly IReadOnlyDictionary<string, string> _options;
    private readonly IReadOnlyDictionary<string, int> _customFields;

    private ImportRowMapper(string[] columns, IReadOnlyDictionary<string, string> options, IReadOnlyDictionary<string, int> customFields)
    {
        _columns = columns;
        _options = options;
        _customFields = customFields;
        IgnoredColumns = columns
            .Where(c => c is not PhoneNumber and not PhoneCode && !LeadFieldCatalog.TryGet(c, out _) && !customFields.ContainsKey(c))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Header columns that are no field of this account (their values are not stored).</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    /// <summary>Each column of the file and the field it fills (null: not stored), in file order: what the answer lists.</summary>
    public IReadOnlyList<ColumnMap> Mapping => Propose(_columns, _options, _customFields);

    /// <summary>
    /// The field each header column fills (null: none), never failing, so a page can show it for the operator to
    /// correct. Today: a column named exactly like a field.
    /// </summary>
    public static IReadOnlyList<ColumnMap> Propose(
        IReadOnlyList<string> header, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, int> customFields) =>
        header.Select(h => h.Trim().ToLowerInvariant())
            .Select(c => new ColumnMap(c, c is PhoneNumber or PhoneCode || LeadFieldCatalog.TryGet(c, out _) || customFields.ContainsKey(c) ? c : null))
            .ToList();

    /// <summary>
    /// A mapper for this header, or why the file cannot be imported: no phone_number column, a column
    /// named twice or named like a request option. Column names are trimmed and compared in lower case.
    /// </summary>
    public static (ImportRowMapper? Mapper, ConvosoError? Error) Create(
        string[] header, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, int> customFields)
    {
        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (!columns.Contains(PhoneNumber))
            return (null, ConvosoErrors.Malformed("The file's header row has no phone_number column"));
        if (columns.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return (null, ConvosoErrors.Malformed($"The file's header row names {twice.Key} more than once"));
        if (columns.FirstOrDefault(FileOptions.Contains) is { } option)
            return (null, ConvosoErrors.Malformed($"{option} is a request parameter for the whole file, not a column"));

        var options = parameters.Where(p => FileOptions.Contains(p.Key) || p.Key == PhoneCode)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return (new ImportRowMapper(columns, options, customFields), null);
    }

    /// <summary>A blank line: skipped, not counted.</summary>
    public static bool IsBlank(string[] record) => record.Length == 1 && record[0].Trim().Length == 0;

    /// <summary>The insert request of one row, or the Convoso error an insert of it would answer.</summary>
    public (InsertLeadRequest? Request, ConvosoError? Error) Parse(string[] record)
    {
        if (record.Length != _columns.Length)
            return (null, ConvosoErrors.InvalidField("row", $"has {record.Length} fields, the header has {_columns.Length}"));
        var values = new Dictionary<string, string>(_options, StringComparer.Ordinal);
        for (var i = 0; i < _columns.Length; i++)
        {
            // A blank phone_code cell means the file's (or the default) phone_code.
            if (_columns[i] == PhoneCode && record[i].Trim().Length == 0)
                continue;
            values[_columns[i]] = record[i];
        }
        return InsertLeadParser.Parse(values, _customFields);
    }
}
