using System.Diagnostics;
using System.Net;
using System.Text;
using Leadline.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Leadline.IntegrationTests.Dnc;

/// <summary>Runs only with LEADLINE_SCALE_TESTS=1: each streams a million rows (about a minute on 2 cores).</summary>
public sealed class ScaleFactAttribute : FactAttribute
{
    public ScaleFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("LEADLINE_SCALE_TESTS") != "1")
            Skip = "set LEADLINE_SCALE_TESTS=1 to run the million-row imports";
    }
}

public class DncImportScaleTests(LeadlineCluster leadline, ITestOutputHelper output) : IClassFixture<LeadlineCluster>
{
    private const int Rows = 1_000_000;

    [ScaleFact]
    public async Task A_160_MB_file_is_read_as_it_arrives_in_bounded_memory()
    {
        var account = await leadline.CreateAccountAsync();
        var phones = Enumerable.Range(0, 1000).Select(_ => TestPhones.Next()).ToArray();
        var reason = new string('r', 150);
        var file = new GeneratedCsv(Rows, i => $"{phones[i % phones.Length].Raw},1,0,{reason}");

        var (answer, heapGrowth, seconds) = await ImportMeasuredAsync(account, file);

        var data = DncClient.Data(answer);
        Assert.Equal((Rows, 1000, Rows - 1000), (data.GetProperty("rows").GetInt32(), data.GetProperty("inserted").GetInt32(),
            data.GetProperty("already_exists").GetInt32()));
        output.WriteLine($"{file.BytesWritten / 1024 / 1024} MB, {Rows} rows in {seconds:F1} s ({Rows / seconds:F0} rows/s), live managed memory grew at most {heapGrowth / 1024 / 1024} MB");
        Assert.True(file.BytesWritten > 150L * 1024 * 1024);
        Assert.True(heapGrowth < 64L * 1024 * 1024, $"live managed memory grew by {heapGrowth / 1024 / 1024} MB while importing");
    }

    [ScaleFact]
    public async Task A_million_new_numbers_are_imported()
    {
        var account = await leadline.CreateAccountAsync();
        var file = new GeneratedCsv(Rows, i => $"+1727{200 + i / 10_000 % 800:D3}{i % 10_000:D4},1,0,bulk");

        var (answer, heapGrowth, seconds) = await ImportMeasuredAsync(account, file);

        Assert.Equal(Rows, DncClient.Data(answer).GetProperty("inserted").GetInt32());
        Assert.Equal(Rows, await new DncClient(account).CountEntriesAsync());
        output.WriteLine($"{Rows} new entries in {seconds:F1} s ({Rows / seconds:F0} rows/s); live managed memory grew at most {heapGrowth / 1024 / 1024} MB (the shards' indexes hold every entry)");
    }

    [ScaleFact]
    public async Task A_chunked_upload_past_200_MB_stops_with_413_and_says_how_far_it_got()
    {
        var account = await leadline.CreateAccountAsync();
        var reason = new string('r', 200);
        var file = new GeneratedCsv(1_100_000, i => $"123,,,{reason}"); // about 225 MB of invalid rows: nothing to write

        var (status, body) = await PostReadingWhileSendingAsync("/v1/dnc/import", DncClient.ImportForm(file, account.Token.Secret));

        Assert.Equal(413, status);
        var json = System.Text.Json.JsonDocument.Parse(body).RootElement;
        Assert.Equal(4013, json.GetProperty("code").GetInt32());
        var rows = json.GetProperty("data").GetProperty("rows").GetInt32();
        Assert.InRange(rows, 900_000, 1_100_000 - 1);
        Assert.Equal(rows, json.GetProperty("data").GetProperty("invalid_count").GetInt32());
        output.WriteLine($"stopped after {rows} rows");
    }

    /// <summary>
    /// HTTP/1.1 by hand, reading the answer while the body is still being sent: a server that refuses a
    /// body part way answers and closes, and HttpClient reports only the broken send, not the answer.
    /// </summary>
    private async Task<(int Status, string Body)> PostReadingWhileSendingAsync(string path, HttpContent content)
    {
        var address = leadline.Http.BaseAddress!;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var received = new MemoryStream();
        var reading = stream.CopyToAsync(received);

        var head = $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: {content.Headers.ContentType}\r\n"
                   + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await using var chunked = new ChunkedStream(stream);
            await content.CopyToAsync(chunked);
        }
        catch (IOException)
        {
            // The server stopped reading and closed: its answer is what matters.
        }
        try
        {
            await reading;
        }
        catch (IOException)
        {
        }
        var text = Encoding.UTF8.GetString(received.ToArray());
        var status = int.Parse(text.Split(' ', 3)[1]);
        var body = text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        return (status, text.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Unchunk(body) : body);
    }

    private static string Unchunk(string body)
    {
        var result = new StringBuilder();
        for (var at = 0; ;)
        {
            var lineEnd = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[at..lineEnd], 16);
            if (size == 0)
                return result.ToString();
            result.Append(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    /// <summary>Writes what it is given as HTTP/1.1 chunks.</summary>
    private sealed class ChunkedStream(Stream inner) : Stream
    {
        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            if (buffer.Length == 0)
                return;
            await inner.WriteAsync(Encoding.ASCII.GetBytes($"{buffer.Length:X}\r\n"), ct);
            await inner.WriteAsync(buffer, ct);
            await inner.WriteAsync("\r\n"u8.ToArray(), ct);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override async ValueTask DisposeAsync() => await inner.WriteAsync("0\r\n\r\n"u8.ToArray());

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }

    private async Task<(ApiAnswer Answer, long HeapGrowth, double Seconds)> ImportMeasuredAsync(TestAccount account, GeneratedCsv file)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(true);
        long peak = baseline;
        using var stop = new CancellationTokenSource();
        // Live memory, after a full collection each time: garbage not yet collected says nothing about what is held.
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                await Task.Delay(250);
            }
        });
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = leadline.Http.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        using var response = await http.PostAsync("/v1/dnc/import", DncClient.ImportForm(file, account.Token.Secret));
        var body = await response.Content.ReadAsStringAsync();
        clock.Stop();
        await stop.CancelAsync();
        await sampler;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (new ApiAnswer(response.StatusCode, System.Text.Json.JsonDocument.Parse(body).RootElement.Clone()), peak - baseline, clock.Elapsed.TotalSeconds);
    }

    /// <summary>A CSV body written row by row as it is sent, never held whole (no Content-Length: chunked).</summary>
    private sealed class GeneratedCsv(int rows, Func<int, string> row) : HttpContent
    {
        public long BytesWritten { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var buffer = new StringBuilder("phone_number,phone_code,campaign_id,reason\n");
            for (var i = 0; i < rows; i++)
            {
                buffer.Append(row(i)).Append('\n');
                if (buffer.Length > 64 * 1024 || i == rows - 1)
                {
                    var bytes = Encoding.UTF8.GetBytes(buffer.ToString());
                    await stream.WriteAsync(bytes);
                    BytesWritten += bytes.Length;
                    buffer.Clear();
                }
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
