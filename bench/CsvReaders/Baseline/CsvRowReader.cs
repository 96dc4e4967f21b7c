// A copy of src/ApiHost/Leads/Import/CsvRowReader.cs as it was before issue 15 (Leadline's hand-written lead
// import reader, deleted from src by that issue): the baseline of this benchmark. Namespace changed only.
using System.Text;

namespace Leadline.Bench.CsvReaders.Baseline;

/// <summary>A CSV file that cannot be read on: the rows before it were imported.</summary>
public sealed class CsvFormatException(string message) : Exception(message);

/// <summary>
/// Reads CSV records (RFC 4180: comma separated, fields optionally in double quotes, "" for a quote inside
/// quotes, CRLF or LF line ends) one at a time from a stream of text, holding only the current record, so
/// a file of any length is read in bounded memory. A record longer than <paramref name="maxRecordChars"/>
/// (e.g. an unclosed quote swallowing the rest of the file) stops the reading.
/// </summary>
public sealed class CsvRowReader(TextReader reader, int maxRecordChars = CsvRowReader.DefaultMaxRecordChars)
{
    public const int DefaultMaxRecordChars = 64 * 1024;

    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;

    /// <summary>The next record's fields, or null at the end of the text.</summary>
    public async ValueTask<string[]?> ReadRecordAsync(CancellationToken ct = default)
    {
        var fields = new List<string>();
        _field.Clear();
        var inQuotes = false;
        var chars = 0;
        while (true)
        {
            if (_position == _length && !await FillAsync(ct))
            {
                if (inQuotes)
                    throw new CsvFormatException("A quoted field is not closed at the end of the file");
                if (chars == 0)
                    return null;
                fields.Add(_field.ToString());
                return [.. fields];
            }

            var c = _buffer[_position++];
            if (++chars > maxRecordChars)
                throw new CsvFormatException($"A row is longer than {maxRecordChars} characters");
            if (inQuotes)
            {
                if (c != '"')
                    _field.Append(c);
                else if (await PeekAsync(ct) == '"')
                {
                    _position++;
                    _field.Append('"');
                }
                else
                    inQuotes = false;
                continue;
            }

            switch (c)
            {
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    break;
                case '"' when _field.Length == 0:
                    inQuotes = true;
                    break;
                case '\r' or '\n':
                    if (c == '\r' && await PeekAsync(ct) == '\n')
                        _position++;
                    fields.Add(_field.ToString());
                    return [.. fields];
                default:
                    _field.Append(c); // a quote inside an unquoted field is kept as it is
                    break;
            }
        }
    }

    private async ValueTask<int> PeekAsync(CancellationToken ct) =>
        _position < _length || await FillAsync(ct) ? _buffer[_position] : -1;

    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        _length = await reader.ReadAsync(_buffer, ct);
        _position = 0;
        return _length > 0;
    }
}
