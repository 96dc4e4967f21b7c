namespace Leadline.ApiHost.Imports;

/// <summary>
/// A read-only, forward-only stream of <paramref name="head"/> (bytes already read from <paramref name="rest"/>)
/// followed by the rest of <paramref name="rest"/>: what was peeked at is not lost. Disposing it leaves
/// <paramref name="rest"/> open (the caller owns it).
/// </summary>
internal sealed class ReplayStream(byte[] head, Stream rest) : Stream
{
    private int _headPosition;
    private long _position;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        var read = ReadHead(buffer.Span);
        if (read == 0 && buffer.Length > 0)
            read = await rest.ReadAsync(buffer, ct);
        _position += read;
        return read;
    }

    public override int Read(Span<byte> buffer)
    {
        var read = ReadHead(buffer);
        if (read == 0 && buffer.Length > 0)
            read = rest.Read(buffer);
        _position += read;
        return read;
    }

    private int ReadHead(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, head.Length - _headPosition);
        if (count <= 0)
            return 0;
        head.AsSpan(_headPosition, count).CopyTo(buffer);
        _headPosition += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    /// <summary>Bytes read so far (for messages); setting it is not supported.</summary>
    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
