using System.Globalization;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace Leadline.ApiHost.Imports;

/// <summary>
/// Reads the first worksheet of an uploaded Excel workbook (.xlsx) with ExcelDataReader, one row at a time.
/// ExcelDataReader needs a stream it can seek in (a zip's directory is at its end), so the upload is first
/// copied to a temp file (deleted when the reader is disposed) and read from there: memory stays bounded
/// whatever the size (the workbook's shared-strings table aside, which ExcelDataReader holds whole).
/// <list type="bullet">
/// <item><see cref="TableRecord.Line"/> is the sheet's row number (1 = the first row, the header).</item>
/// <item>Every cell is text as the sheet shows it without its formatting: a number without exponent or a
/// trailing ".0" (a phone stored as the number 7275551212 reads "7275551212"; a number formatted with leading
/// zeros such as a ZIP code "00000" keeps them), a date as yyyy-MM-dd (yyyy-MM-dd HH:mm:ss with a time),
/// TRUE/FALSE, a formula as its last computed value, an error or an empty cell as "".</item>
/// <item>Trailing empty cells are left out; a row without text (empty rows between rows included) is blank
/// (<see cref="TableRecord.IsBlank"/>).</item>
/// <item>A file that is no readable workbook throws <see cref="TableFormatException"/> on the first read.</item>
/// </list>
/// </summary>
public sealed class XlsxTableReader(Stream file) : ITableReader
{
    // ExcelDataReader's configuration asks for Windows-1252 (its fallback for old .xls and CSV files, never used for
    // .xlsx), which .NET provides only once the code-page encodings are registered.
    static XlsxTableReader() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    private FileStream? _spool;
    private IExcelDataReader? _sheet;
    private long _row;

    /// <summary>The temp copy of the upload, once the first row was asked for (tests check it goes away).</summary>
    internal string? SpoolPath => _spool?.Name;

    public async ValueTask<TableRecord?> ReadAsync(CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        _sheet ??= await OpenAsync(ct);
        bool more;
        try
        {
            more = _sheet.Read();
        }
        catch (Exception ex) when (IsBrokenWorkbook(ex))
        {
            throw new TableFormatException($"Row {_row + 1} of the workbook cannot be read: {ex.Message}");
        }
        if (!more)
            return null;
        _row++;

        var count = _sheet.FieldCount;
        while (count > 0 && _sheet.GetValue(count - 1) is null)
            count--;
        var fields = new string[Math.Max(count, 1)];
        fields[0] = "";
        for (var i = 0; i < count; i++)
            fields[i] = Text(_sheet.GetValue(i), _sheet.GetNumberFormatString(i));
        return new TableRecord(_row, fields);
    }

    private async Task<IExcelDataReader> OpenAsync(CancellationToken ct)
    {
        _spool = new FileStream(Path.Combine(Path.GetTempPath(), $"leadline-upload-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await file.CopyToAsync(_spool, 64 * 1024, ct);
        _spool.Position = 0;
        try
        {
            return ExcelReaderFactory.CreateOpenXmlReader(_spool, new ExcelReaderConfiguration { LeaveOpen = true });
        }
        catch (Exception ex) when (IsBrokenWorkbook(ex))
        {
            throw new TableFormatException("The file is not a readable Excel workbook (.xlsx): " + ex.Message);
        }
    }

    /// <summary>
    /// What a damaged or foreign file throws from ExcelDataReader: a zip that is no workbook or is cut short, XML that
    /// is not, a password, and the index and format errors of values that do not parse.
    /// </summary>
    private static bool IsBrokenWorkbook(Exception ex) =>
        ex is ExcelReaderException or InvalidDataException or System.Xml.XmlException or FormatException
            or IndexOutOfRangeException or ArgumentOutOfRangeException;

    /// <summary>A cell as text: see the class summary.</summary>
    public static string Text(object? value, string? numberFormat = null) => value switch
    {
        null => "",
        string text => text,
        double number => Number(number, numberFormat),
        DateTime date => date.TimeOfDay == TimeSpan.Zero
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        TimeSpan time => time.ToString("c", CultureInfo.InvariantCulture),
        bool flag => flag ? "TRUE" : "FALSE",
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// A number as Excel shows it in a General cell, but never with an exponent: at most 15 significant digits
    /// (what Excel keeps), no trailing zeros. A whole number whose format is only zeros ("00000") is padded to it.
    /// </summary>
    private static string Number(double number, string? numberFormat)
    {
        if (!double.IsFinite(number))
            return "";
        string text;
        if (Math.Abs(number) < 7.9e27)
            text = ((decimal)number).ToString(CultureInfo.InvariantCulture); // (decimal)double keeps 15 significant digits
        else
            text = number.ToString("0", CultureInfo.InvariantCulture);
        if (numberFormat is { Length: > 1 } format && format.All(c => c == '0') && number >= 0 && number == Math.Floor(number)
            && text.Length < format.Length)
            text = text.PadLeft(format.Length, '0');
        return text;
    }

    public async ValueTask DisposeAsync()
    {
        _sheet?.Dispose();
        if (_spool is not null)
            await _spool.DisposeAsync(); // DeleteOnClose: the temp file goes with it
    }
}
