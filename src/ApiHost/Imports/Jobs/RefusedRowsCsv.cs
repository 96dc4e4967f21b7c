using System.Text;

namespace Leadline.ApiHost.Imports.Jobs;

/// <summary>
/// "Download refused rows": a CSV (RFC 4180, UTF-8 with a BOM so spreadsheets read accents) of every row an import
/// did not store — its row number, the reason (code and text) and its cells exactly as they were in the file, under
/// the file's own header. The row and reason come first so they line up with the header even for a row with
/// fewer or more cells than the header; to upload the corrected rows again, map <c>row</c> and <c>reason</c> to skip.
/// </summary>
public static class RefusedRowsCsv
{
    public const string RowColumn = "row";
    public const string ReasonColumn = "reason";

    public static string Reason(int code, string text) => $"{code} {text}";

    public static async Task WriteAsync(Stream output, IReadOnlyList<string> columns, IAsyncEnumerable<RefusedRow> rows, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await WriteRecordAsync(writer, [RowColumn, ReasonColumn, .. columns]);
        await foreach (var row in rows.WithCancellation(ct))
            await WriteRecordAsync(writer, [row.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), Reason(row.Code, row.Text), .. row.Cells]);
        await writer.FlushAsync(ct);
    }

    private static async Task WriteRecordAsync(StreamWriter writer, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
                await writer.WriteAsync(',');
            await writer.WriteAsync(Quote(fields[i]));
        }
        await writer.WriteAsync("\r\n");
    }

    /// <summary>A field in double quotes when it holds a comma, a quote, a line break or edge spaces; quotes doubled.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (field.Length > 0 && (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1])))
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
}
