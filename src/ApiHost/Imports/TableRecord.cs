namespace Leadline.ApiHost.Imports;

/// <summary>One row of an uploaded file: where it is (CSV: the line it starts on; xlsx: the sheet's row) and its cells as text.</summary>
public sealed record TableRecord(long Line, string[] Fields)
{
    /// <summary>A row with no text in any cell: skipped, not counted.</summary>
    public bool IsBlank => Fields.All(f => f.Trim().Length == 0);
}

/// <summary>An uploaded file read one row at a time, so a file of any size is held one row at a time.</summary>
public interface ITableReader : IAsyncDisposable
{
    /// <summary>The next row, or null at the end. Throws <see cref="TableFormatException"/> where the file cannot be read on.</summary>
    ValueTask<TableRecord?> ReadAsync(CancellationToken ct = default);
}

/// <summary>A file that cannot be read on (an unclosed quote, a row too long, not a spreadsheet): the rows before it were read.</summary>
public sealed class TableFormatException(string message) : Exception(message);
