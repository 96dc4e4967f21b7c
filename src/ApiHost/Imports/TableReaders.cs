using System.Runtime.ExceptionServices;

namespace Leadline.ApiHost.Imports;

/// <summary>
/// Opens an uploaded file of rows (leads or DNC numbers) by its kind: an Excel workbook (.xlsx, by the file
/// name's extension or by its first bytes, a zip archive) is read with <see cref="XlsxTableReader"/>, anything
/// else as CSV text with <see cref="CsvTableReader"/>. Only the start of the file is read here (to tell its
/// kind and its separator); the bytes read are replayed to the reader, so a stream that cannot seek (an HTTP
/// body as it arrives) loses nothing.
/// </summary>
public static class TableReaders
{
    /// <summary>How much of the file is looked at before choosing a reader: the header line, within reason.</summary>
    public const int HeadBytes = 64 * 1024;

    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04]; // PK\x03\x04: .xlsx (and any zip)
    private static readonly byte[] CompoundSignature = [0xD0, 0xCF, 0x11, 0xE0]; // OLE compound file: .xls (97-2003)

    /// <summary>
    /// The reader of <paramref name="file"/>. Never throws for the file itself: an upload that cannot be read
    /// (broken, too large, not a table) throws from the reader's first <see cref="ITableReader.ReadAsync"/>, where the
    /// callers handle it. The file stream is not disposed by the reader.
    /// </summary>
    public static async Task<ITableReader> OpenAsync(Stream file, string? fileName, CancellationToken ct = default)
    {
        byte[] head;
        try
        {
            head = await ReadHeadAsync(file, ct);
        }
        catch (Exception ex)
        {
            return new FailedReader(ExceptionDispatchInfo.Capture(ex));
        }

        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        var rest = new ReplayStream(head, file);
        if (head.AsSpan().StartsWith(ZipSignature))
            return new XlsxTableReader(rest);
        if (extension is ".xlsx" or ".xlsm")
            return Failed($"{Path.GetFileName(fileName)} is not an Excel workbook (.xlsx): its content is no zip archive");
        if (extension == ".xls" || head.AsSpan().StartsWith(CompoundSignature))
            return Failed("An Excel 97-2003 workbook (.xls) cannot be read: save it as .xlsx or as CSV UTF-8");
        return new CsvTableReader(rest, head);
    }

    /// <summary>The first bytes: up to the first line break, at least 4 bytes (a file signature), at most <see cref="HeadBytes"/>.</summary>
    private static async Task<byte[]> ReadHeadAsync(Stream file, CancellationToken ct)
    {
        var buffer = new byte[HeadBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await file.ReadAsync(buffer.AsMemory(length), ct);
            if (read == 0)
                break;
            var searchFrom = length;
            length += read;
            if (length >= ZipSignature.Length && buffer.AsSpan(searchFrom, read).IndexOfAny((byte)'\n', (byte)'\r') >= 0)
                break;
        }
        return buffer[..length];
    }

    private static FailedReader Failed(string message) =>
        new(ExceptionDispatchInfo.Capture(new TableFormatException(message)));

    /// <summary>A file that could not be opened: its first read throws why.</summary>
    private sealed class FailedReader(ExceptionDispatchInfo error) : ITableReader
    {
        public ValueTask<TableRecord?> ReadAsync(CancellationToken ct = default)
        {
            error.Throw();
            return default;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
