using System.Text;
using Leadline.ApiHost.Imports;

namespace Leadline.UnitTests.Imports;

/// <summary>Reads files through <see cref="TableReaders.OpenAsync"/> as the importers do: from a stream that cannot seek.</summary>
public static class TableFiles
{
    public static Task<List<TableRecord>> ReadAllAsync(string text, string? fileName = null) =>
        ReadAllAsync(Encoding.UTF8.GetBytes(text), fileName);

    public static async Task<List<TableRecord>> ReadAllAsync(byte[] file, string? fileName = null, int maxChunk = int.MaxValue)
    {
        await using var reader = await TableReaders.OpenAsync(new UploadStream(file, maxChunk), fileName);
        var records = new List<TableRecord>();
        while (await reader.ReadAsync() is { } record)
            records.Add(record);
        return records;
    }

    /// <summary>The records read before the reader threw, and what it threw.</summary>
    public static async Task<(List<TableRecord> Read, TableFormatException Error)> ReadUntilErrorAsync(string text, string? fileName = null) =>
        await ReadUntilErrorAsync(Encoding.UTF8.GetBytes(text), fileName);

    public static async Task<(List<TableRecord> Read, TableFormatException Error)> ReadUntilErrorAsync(byte[] file, string? fileName = null)
    {
        await using var reader = await TableReaders.OpenAsync(new UploadStream(file), fileName);
        var records = new List<TableRecord>();
        try
        {
            while (await reader.ReadAsync() is { } record)
                records.Add(record);
        }
        catch (TableFormatException ex)
        {
            return (records, ex);
        }
        throw new Xunit.Sdk.XunitException($"no TableFormatException after {records.Count} records");
    }

    public static string[][] Fields(IEnumerable<TableRecord> records) => records.Select(r => r.Fields).ToArray();
}

/// <summary>
/// An upload as the API host sees it: forward only (no Seek, no Length), handing out at most
/// <paramref name="maxChunk"/> bytes per read, as a network stream may.
/// </summary>
public sealed class UploadStream(byte[] data, int maxChunk = int.MaxValue) : ForwardOnlyStream
{
    private int _position;

    public int Reads { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        Reads++;
        var count = Math.Min(Math.Min(buffer.Length, maxChunk), data.Length - _position);
        data.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

}

/// <summary>A stream that can only be read forward, as an upload arrives: no Seek, no Length, no writing.</summary>
public abstract class ForwardOnlyStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
