using System.Text.Json;
using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.Leads.Import;

/// <summary>One refused row: its number (1 = the first row after the header) and the insert's error.</summary>
public sealed record InvalidRow(long Row, int Code, string Text);

/// <summary>
/// What an import did, row by row in file order. Only the first <see cref="MaxListedInvalid"/> refused rows
/// are listed (a file of a million bad rows must not make a million-entry answer); <see cref="InvalidCount"/>
/// counts them all.
/// </summary>
public sealed class ImportSummary
{
    public const int MaxListedInvalid = 1000;

    private readonly List<InvalidRow> _invalid = [];

    public long Rows { get; private set; }
    public long Inserted { get; private set; }
    public long Updated { get; private set; }
    public long Duplicates { get; private set; }
    public long Dnc { get; private set; }
    public long InvalidCount { get; private set; }
    public IReadOnlyList<InvalidRow> Invalid => _invalid;
    public IReadOnlyList<string> IgnoredColumns { get; set; } = [];

    public void Count(RowOutcome outcome)
    {
        Rows++;
        switch (outcome.Kind)
        {
            case RowKind.Inserted: Inserted++; break;
            case RowKind.Updated: Updated++; break;
            case RowKind.Duplicate: Duplicates++; break;
            case RowKind.Dnc: Dnc++; break;
            default:
                InvalidCount++;
                if (_invalid.Count < MaxListedInvalid)
                    _invalid.Add(new InvalidRow(outcome.Row, outcome.Error!.Code, outcome.Error.Text));
                break;
        }
    }

    public void Write(Utf8JsonWriter json)
    {
        json.WriteNumber("rows", Rows);
        json.WriteNumber("inserted", Inserted);
        json.WriteNumber("updated", Updated);
        json.WriteNumber("duplicates", Duplicates);
        json.WriteNumber("dnc", Dnc);
        json.WriteNumber("invalid_count", InvalidCount);
        json.WriteStartArray("invalid");
        foreach (var row in _invalid)
        {
            json.WriteStartObject();
            json.WriteNumber("row", row.Row);
            json.WriteNumber("code", row.Code);
            json.WriteString("text", row.Text);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("ignored_columns");
        foreach (var column in IgnoredColumns)
            json.WriteStringValue(column);
        json.WriteEndArray();
    }
}

public enum RowKind
{
    Inserted,
    Updated,
    Duplicate,
    Dnc,
    Invalid,
}

/// <summary>How one row ended; <see cref="Error"/> for Invalid (including a row the database could not take).</summary>
public sealed record RowOutcome(long Row, RowKind Kind, ConvosoError? Error = null);
