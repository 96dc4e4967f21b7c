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
