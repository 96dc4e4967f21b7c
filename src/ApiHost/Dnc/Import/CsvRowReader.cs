using System.Text;

namespace Leadline.ApiHost.DncApi.Import;

/// <summary>
/// One CSV record: its fields and the file line it starts on (1 = the first line). <see cref="Error"/>
/// says why the record is unusable (too long, an unterminated or stray quote); its fields are then partial.
/// </summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error = null);

/// <summary>
/// Reads RFC 4180 CSV (commas, double-quoted fields with "" escapes and line breaks, CRLF or LF) one
/// record at a time from a stream of text, holding only the current record: a file of any size is read
/// in bounded memory. Blank lines are skipped.
/// </summary>
public sealed class CsvRowReader(TextReader reader, int maxRecordChars = CsvRowReader.DefaultMaxRecordChars)
{
    public const int DefaultMaxRecordChars = 4096;

    private readonly char[] _buffer = new char[16 * 1024];
    private int _position;
    private int _length;
    private int _line = 1;
    private bool _skipLineFeed;

    /// <summary>The next record, or null at the end of the input.</summary>
    public async ValueTask<CsvRecord?> ReadAsync()
    {
        while (true)
        {
            var record = await ReadRecordAsync();
            if (record is null)
                return null;
            if (record.Fields is not [""] || record.Error is not null)
                return record;
        }
    }

    private async ValueTask<CsvRecord?> ReadRecordAsync()
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var startLine = _line;
        var chars = 0;
        string? error = null;
        var inQuotes = false;
        var quoteInQuotes = false; // a quote inside a quoted field: an escape ("") or the field's end
        var fieldWasQuoted = false;
        var any = false;

        while (true)
        {
            if (_position == _length)
            {
                _length = await reader.ReadAsync(_buffer);
                _position = 0;
                if (_length == 0)
                {
                    if (!any)
                        return null;
                    if (inQuotes && !quoteInQuotes)
                        error ??= "unterminated quoted field";
                    fields.Add(field.ToString());
                    return new CsvRecord(startLine, fields, error);
                }
            }

            var c = _buffer[_position++];
            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (c == '\n')
                    continue;
            }
            any = true;
            // Past the limit the record is still read to its end (to find the next one) but not kept.
            var keep = ++chars <= maxRecordChars;
            if (!keep)
                error ??= $"longer than {maxRecordChars} characters";

            if (inQuotes)
            {
                if (quoteInQuotes)
                {
                    quoteInQuotes = false;
                    if (c == '"')
                    {
                        Append(field, c, keep);
                        continue;
                    }
                    inQuotes = false; // the quote closed the field; c is read as outside quotes below
                }
                else if (c == '"')
                {
                    quoteInQuotes = true;
                    continue;
                }
                else
                {
                    if (c == '\n' || c == '\r')
                        _line++;
                    if (c == '\r')
                        _skipLineFeed = true;
                    Append(field, c, keep);
                    continue;
                }
            }

            switch (c)
            {
                case ',':
                    if (keep)
                        fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    break;
                case '\r' or '\n':
                    _line++;
                    _skipLineFeed = c == '\r';
                    fields.Add(field.ToString());
                    return new CsvRecord(startLine, fields, error);
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    inQuotes = true;
                    fieldWasQuoted = true;
                    break;
                case '"':
                    error ??= "a quote inside an unquoted field";
                    break;
                case ' ' or '\t' when fieldWasQuoted:
                    break; // spacing between a closing quote and the comma
                default:
                    if (fieldWasQuoted)
                        error ??= "text after a closing quote";
                    else
                        Append(field, c, keep);
                    break;
            }
        }
    }

    private static void Append(StringBuilder field, char c, bool keep)
    {
        if (keep)
            field.Append(c);
    }
}
