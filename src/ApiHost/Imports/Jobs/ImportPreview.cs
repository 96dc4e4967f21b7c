using System.Globalization;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads.Import;
using Leadline.ApiHost.Leads.Insert;

namespace Leadline.ApiHost.Imports.Jobs;

/// <summary>
/// The first rows of an uploaded file as the import would store them: each row through the job's
/// <see cref="ImportRowMapper"/> (the insert parser itself), so a value shown is the value stored (phones in
/// E.164, dates and amounts canonical) and a refused row shows the insert's error.
/// </summary>
/// <param name="Fields">The field each column fills (null: not stored), in file order.</param>
/// <param name="MappingError">Why the mapping cannot import (e.g. no column is phone_number); null when it can.</param>
/// <param name="ReadError">Why the file could not be read on (the rows before it are shown).</param>
public sealed record ImportPreview(
    IReadOnlyList<string> Columns,
    IReadOnlyList<string?> Fields,
    IReadOnlyList<ImportPreview.Row> Rows,
    string? MappingError,
    string? ReadError)
{
    /// <summary>One cell: as in the file, as stored (null: not stored), and the row's error when this cell caused it.</summary>
    public sealed record Cell(string Raw, string? Stored, string? Error);

    /// <summary>A row (1 = the first after the header) and, when the import would refuse it, the insert's error.</summary>
    public sealed record Row(long Number, IReadOnlyList<Cell> Cells, int? Code, string? Error);

    internal static Row Parse(long number, string[] record, IReadOnlyList<string?> pageFields, ImportRowMapper? mapper)
    {
        var count = pageFields.Count;
        string Raw(int i) => i < record.Length ? record[i] : "";
        if (mapper is null)
            return new Row(number, Enumerable.Range(0, count).Select(i => new Cell(Raw(i), null, null)).ToList(), null, null);

        // The mapper's own mapping, so the preview cannot differ from what it stores.
        var mapping = mapper.Mapping;
        string? FieldAt(int i) => i < mapping.Count ? mapping[i].Field : pageFields[i];
        var (request, error) = mapper.Parse(record);
        if (request is null)
        {
            var cells = Enumerable.Range(0, count)
                .Select(i => new Cell(Raw(i), null, FieldAt(i) is { } field && Names(error!, field) ? error!.Text : null))
                .ToList();
            return new Row(number, cells, error!.Code, error.Text);
        }
        return new Row(number, Enumerable.Range(0, count).Select(i => new Cell(Raw(i), Stored(request, FieldAt(i)), null)).ToList(), null, null);
    }

    private static string? Stored(InsertLeadRequest request, string? field) => field switch
    {
        null => null,
        InsertParameterNames.PhoneNumber => request.Phone.E164,
        InsertParameterNames.PhoneCode => request.Phone.CountryCode.ToString(CultureInfo.InvariantCulture),
        _ => request.Fields.Standard.GetValueOrDefault(field) ?? request.Fields.Custom.GetValueOrDefault(field) ?? "",
    };

    /// <summary>Whether the insert's error is about <paramref name="field"/>: its texts name the field they refuse.</summary>
    private static bool Names(ConvosoError error, string field) =>
        error.Text.Contains($"({field})", StringComparison.Ordinal)
        || error.Text.Contains($"for {field}:", StringComparison.Ordinal)
        || (error.Code == ErrorCodes.InvalidEmail.Code && field == "email")
        || (error.Code == ErrorCodes.PhoneAndListRequired.Code && field == InsertParameterNames.PhoneNumber);
}
