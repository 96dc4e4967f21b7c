using System.Globalization;
using Leadline.ApiHost.Leads.Insert;

namespace Leadline.ApiHost.Imports.Jobs;

/// <summary>
/// The states of an import job (lead_import_jobs.state). uploaded → queued → running → done, or failed,
/// cancelled, interrupted; the last four are final.
/// </summary>
public static class ImportJobStates
{
    /// <summary>The file is stored and its header read; the operator maps the columns and chooses the options.</summary>
    public const string Uploaded = "uploaded";
    /// <summary>Started: waiting for a free runner slot on the API host that holds the file.</summary>
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    /// <summary>The file could not be read on, or storage was unavailable part-way: the rows before it were imported.</summary>
    public const string Failed = "failed";
    /// <summary>By the operator: before it ran (nothing imported), or while it ran (the rows counted were imported).</summary>
    public const string Cancelled = "cancelled";
    /// <summary>The API host stopped while the job ran: marked at its next start. Jobs do not resume.</summary>
    public const string Interrupted = "interrupted";

    public static bool IsFinal(string state) => state is Done or Failed or Cancelled or Interrupted;
}

/// <summary>How far a job got: what /v1/leads/import's answer counts, and how much of the file was read.</summary>
public sealed record ImportCounts(long Rows, long Inserted, long Updated, long Duplicates, long Dnc, long Invalid, long BytesRead)
{
    public static readonly ImportCounts None = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Rows that were not stored: invalid, duplicate or on a DNC list (each is in the refused rows).</summary>
    public long Refused => Invalid + Duplicates + Dnc;
}

/// <summary>
/// What the operator chose for a job: /v1/leads/import's options and the column mapping, kept as the API takes it
/// (<c>map_&lt;Header&gt;=&lt;field&gt;</c>, empty = skip the column).
/// </summary>
public sealed record ImportJobOptions(
    int CheckDup = 0,
    bool CheckDupArchive = false,
    bool CheckDnc = false,
    bool Hopper = false,
    int HopperPriority = 99,
    IReadOnlyDictionary<string, string>? Mapping = null)
{
    public const string MapPrefix = "map_";

    public IReadOnlyDictionary<string, string> Map => Mapping ?? new Dictionary<string, string>();

    /// <summary>The mapping entry of a header column (the header as in the file, trimmed).</summary>
    public static string MapKey(string header) => MapPrefix + header.Trim();

    /// <summary>The field a column was mapped to: null when the mapping does not name it, "" when it is skipped.</summary>
    public string? FieldOf(string header) => Map.TryGetValue(MapKey(header), out var field) ? field : null;

    /// <summary>The flat parameters /v1/leads/import would be sent for this job: what ImportRowMapper.Create reads.</summary>
    public Dictionary<string, string> ToParameters(long listId)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [InsertParameterNames.ListId] = listId.ToString(CultureInfo.InvariantCulture),
            [InsertParameterNames.CheckDup] = CheckDup.ToString(CultureInfo.InvariantCulture),
            [InsertParameterNames.CheckDupArchive] = CheckDupArchive ? "1" : "0",
            [InsertParameterNames.CheckDnc] = CheckDnc ? "1" : "0",
            [InsertParameterNames.Hopper] = Hopper ? "1" : "0",
            [InsertParameterNames.HopperPriority] = HopperPriority.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, field) in Map)
            values[key] = field;
        return values;
    }
}

/// <summary>One row of lead_import_jobs, always read for one account.</summary>
public sealed record ImportJob(
    long JobId,
    long AccountId,
    long ListId,
    string ListName,
    long UserId,
    string UserName,
    string FileName,
    string? FilePath,
    long FileBytes,
    string Host,
    IReadOnlyList<string> Columns,
    string State,
    ImportJobOptions Options,
    ImportCounts Counts,
    long RefusedRows,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    public bool IsFinal => ImportJobStates.IsFinal(State);
}

/// <summary>A row the import did not store: its number (1 = the first row after the header), why, and its cells.</summary>
public sealed record RefusedRow(long Row, int Code, string Text, string[] Cells);
