using System.Net;
using System.Text;

namespace Leadline.IntegrationTests.LeadChanges;

/// <summary>
/// A CSV body written row by row while it is sent (no length, so chunked): the file never exists whole,
/// on either side.
/// </summary>
public sealed class GeneratedCsvContent(string header, int rows, Func<int, string> row) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(header + "\r\n");
        for (var i = 0; i < rows; i++)
            await writer.WriteAsync(row(i) + "\r\n");
        await writer.FlushAsync();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
