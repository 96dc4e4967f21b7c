using System.Text.Json;
using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.DncApi.Import;

/// <summary>
/// What an import did so far. Invalid rows are listed up to <see cref="MaxListedInvalid"/> (a file of a
/// million bad rows must not make a million-entry answer); <see cref="InvalidCount"/> counts them all.
/// </summary>
public sealed class DncImportSummary
{
    public const int MaxListedInvalid = 1000;

    private readonly List<(long Row, ConvosoError Error)> _invalid = [];

    public long Rows { get; set; }
    public long Inserted { get; private set; }
    public long AlreadyExists { get; private set; }
    public long InvalidCount { get; private set; }
    public long HopperRemoved { get; private set; }
    public IReadOnlyList<string> IgnoredColumns { get; set; } = [];

    public void AddInvalid(long row, ConvosoError error)
    {
        InvalidCount++;
        if (_invalid.Count < MaxListedInvalid)
            _invalid.Add((row, error));
    }

    public void Add(DncImportBatchResult batch)
    {
        Inserted += batch.Inserted;
        AlreadyExists += batch.AlreadyExists;
        HopperRemoved += batch.HopperRemoved;
    }

    public void Write(Utf8JsonWriter json)
    {
        json.WriteNumber("rows", Rows);
        json.WriteNumber("inserted", Inserted);
        json.WriteNumber("already_exists", AlreadyExists);
        json.WriteNumber("invalid_count", InvalidCount);
        json.WriteStartArray("invalid");
        foreach (var (row, error) in _invalid)
        {
            json.WriteStartObject();
            json.WriteNumber("row", row);
            json.WriteNumber("code", error.Code);
            json.WriteString("text", error.Text);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("hopper_removed", HopperRemoved);
        json.WriteStartArray("ignored_columns");
        foreach (var column in IgnoredColumns)
            json.WriteStringValue(column);
        json.WriteEndArray();
    }
}

/// <summary>What one batch of valid rows did; <see cref="StorageUnavailable"/> when part of it could not be written.</summary>
public sealed record DncImportBatchResult(long Inserted, long AlreadyExists, long HopperRemoved, bool StorageUnavailable);
