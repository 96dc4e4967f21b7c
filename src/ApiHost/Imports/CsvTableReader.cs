using System.Text.Unicode;
using CsvHelper;

namespace Leadline.ApiHost.Imports;

/// <summary>
/// Reads an uploaded CSV file with CsvHelper (chosen over Sylvan.Data.Csv by <c>bench/csv-readers-bench.sh</c>;
/// figures in bench/README.md), one record at a time from the stream as it arrives: RFC 4180 (fields in double
/// quotes may hold separators, line breaks and <c>""</c> for a quote), CRLF, LF or CR line ends, a byte order
/// mark (UTF-8, or UTF-16/32, which is transcoded), and the separator of the header line (see
/// <see cref="DetectSeparator"/>). Memory is bounded: CsvHelper's 64 KB buffer and the current record.
/// <list type="bullet">
/// <item><see cref="TableRecord.Line"/> is the physical line the record starts on (the header is line 1; lines
/// inside quoted fields and blank lines count).</item>
/// <item>A blank line is a record of one empty field (<see cref="TableRecord.IsBlank"/>).</item>
/// <item>A quote inside an unquoted field (<c>5'11" tall</c>) and text after a closing quote (<c>"ab"c</c> → abc)
/// are kept as text, as the hand-written readers and spreadsheets do.</item>
/// <item>A record longer than <see cref="MaxRecordBytes"/>, a quoted field never closed, and text that is not
/// UTF-8 stop the reading with a <see cref="TableFormatException"/> naming the line: the records before it were
/// returned.</item>
/// </list>
/// </summary>
public sealed class CsvTableReader : ITableReader
{
    public const int MaxRecordBytes = 64 * 1024;

    private static readonly char[] Separators = [',', ';', '\t', '|'];

    private readonly CsvReader _csv;

    /// <param name="file">The whole file from its first byte.</param>
    /// <param name="head">The first bytes of the file (at least its first line when it has one), to choose the separator.</param>
    public CsvTableReader(Stream file, ReadOnlySpan<byte> head)
    {
        var options = new CsvReaderOptions
        {
            HasHeader = false, // the header is the first record: the callers read and map it
            Separator = DetectSeparator(head),
            TrackLineNumbers = true,
            SkipEmptyLines = false,
            MaxRecordSize = MaxRecordBytes,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = record =>
            {
                if (record.Reason == CsvMalformedReason.UnterminatedQuote)
                    throw new TableFormatException($"Line {record.LineNumber}: a quoted field is not closed before the end of the file");
            },
        };
        _csv = CsvReader.Create(file, options, leaveOpen: true);
    }

    public async ValueTask<TableRecord?> ReadAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        try
        {
            if (!await _csv.ReadAsync(ct))
                return null;
        }
        catch (CsvFormatException ex)
        {
            throw new TableFormatException(ex.Message.Contains("MaxRecordSize", StringComparison.Ordinal)
                ? $"Line {ex.LineNumber}: a row is longer than {MaxRecordBytes / 1024} KB (a quote that is never closed?)"
                : $"Line {ex.LineNumber}: {ex.Message}");
        }
        if (!Utf8.IsValid(_csv.RawRecord))
            throw new TableFormatException($"Line {_csv.LineNumber} is not UTF-8 text: save the file as CSV UTF-8");
        var fields = new string[_csv.FieldCount];
        for (var i = 0; i < fields.Length; i++)
            fields[i] = _csv.GetString(i);
        return new TableRecord(_csv.LineNumber, fields);
    }

    public ValueTask DisposeAsync() => _csv.DisposeAsync();

    /// <summary>
    /// The separator of a file from its first line (after a UTF-8 byte order mark): the one of <c>,</c> <c>;</c> tab
    /// <c>|</c> that appears most often outside quotes, <c>,</c> on a tie or when none does (a one-column file).
    /// Null, so that CsvHelper decides, for a UTF-16/32 file and for Excel's <c>sep=;</c> first line (which CsvHelper
    /// reads as the separator and skips).
    /// </summary>
    public static char? DetectSeparator(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            head = head[3..];
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
                 || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
            return null;
        if (head.StartsWith("sep="u8))
            return null;

        Span<int> counts = stackalloc int[Separators.Length];
        var inQuotes = false;
        foreach (var b in head)
        {
            if (b == '"')
                inQuotes = !inQuotes; // a doubled quote toggles twice
            else if (!inQuotes && b is (byte)'\n' or (byte)'\r')
                break;
            else if (!inQuotes && Array.IndexOf(Separators, (char)b) is var at and >= 0)
                counts[at]++;
        }
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
            if (counts[i] > counts[best])
                best = i;
        return Separators[best];
    }
}
