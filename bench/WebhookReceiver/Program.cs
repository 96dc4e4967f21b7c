// Webhook receiver of bench/webhook-bench.sh: Kestrel on 127.0.0.1, HTTP/1.1 keep-alive, 200 to every
// POST/PUT, and a record of each request, one line each:
//
//     WebhookReceiver PORT SECRET RECORD_FILE SUMMARY_FILE
//
//     <arrival, unix seconds> <X-Leadline-Event-Id> <X-Leadline-Delivery-Id> <signature ok 1/0> <t of the signature> <path>
//
// Every signature is verified (SignatureCheck: the scheme docs/api-workflows.md gives receivers). A bad
// one is still answered 200 (a refusal would make Leadline retry after the backoff and the bench would
// measure the retry schedule) and counted. On SIGTERM/SIGINT the record is flushed and SUMMARY_FILE gets
// one line "posts=<n> bad_signatures=<n>". GET answers "ok" so the bench can wait for it to listen.
using System.Globalization;
using System.Text;
using Leadline.Bench.WebhookReceiver;
using Microsoft.AspNetCore.Server.Kestrel.Core;

if (args.Length != 4)
{
    Console.Error.WriteLine("usage: WebhookReceiver PORT SECRET RECORD_FILE SUMMARY_FILE");
    return 2;
}
var port = int.Parse(args[0], CultureInfo.InvariantCulture);
var check = new SignatureCheck(args[1]);
var record = new RequestRecord(args[2]);
var summaryPath = args[3];

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k =>
{
    k.Listen(System.Net.IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http1);
    k.AddServerHeader = false;
});
var app = builder.Build();

async Task Receive(HttpContext context)
{
    var request = context.Request;
    var body = await ReadBodyAsync(request);
    // After the body: "received" means the whole request is here.
    var arrived = (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;
    var (ok, t) = check.Verify(request.Headers["X-Leadline-Signature"].ToString(), body);
    var path = request.Path.Value is { Length: > 0 } p && !p.Contains(' ') ? p : "-";
    record.Add(arrived, Field(request, "X-Leadline-Event-Id"), Field(request, "X-Leadline-Delivery-Id"), ok, t, path);
    context.Response.ContentType = "application/json";
    context.Response.ContentLength = 2;
    await context.Response.Body.WriteAsync("{}"u8.ToArray());
}

app.MapPost("/{**path}", Receive);
app.MapPut("/{**path}", Receive);
app.MapGet("/{**path}", () => "ok");

await app.StartAsync();
Console.WriteLine($"listening on 127.0.0.1:{port}");
await app.WaitForShutdownAsync(); // SIGTERM / SIGINT
await record.DisposeAsync();
await File.WriteAllTextAsync(summaryPath,
    string.Create(CultureInfo.InvariantCulture, $"posts={record.Posts} bad_signatures={record.BadSignatures}\n"));
Console.WriteLine($"BENCH posts={record.Posts} bad_signatures={record.BadSignatures}");
return 0;

static string Field(HttpRequest request, string header) =>
    request.Headers[header].ToString() is { Length: > 0 } value && !value.Contains(' ') ? value : "-";

static async Task<byte[]> ReadBodyAsync(HttpRequest request)
{
    using var buffer = new MemoryStream(request.ContentLength is { } n and < 1 << 20 ? (int)n : 4096);
    await request.Body.CopyToAsync(buffer);
    return buffer.ToArray();
}

namespace Leadline.Bench.WebhookReceiver
{
    /// <summary>X-Leadline-Signature: "t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;raw body&gt;")&gt;", compared in constant time.</summary>
    public sealed class SignatureCheck(string secret)
    {
        private readonly byte[] _key = Encoding.UTF8.GetBytes(secret);

        /// <summary>(ok, t); a key given twice or missing is refused.</summary>
        public (bool Ok, string T) Verify(string header, byte[] body)
        {
            if (header.Length == 0)
                return (false, "-");
            string? t = null, v1 = null;
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pair in header.Split(','))
            {
                var eq = pair.IndexOf('=');
                if (eq < 0 || !keys.Add(pair[..eq]))
                    return (false, t ?? "-");
                if (pair[..eq] == "t") t = pair[(eq + 1)..];
                else if (pair[..eq] == "v1") v1 = pair[(eq + 1)..];
            }
            if (t is null || t.Length == 0 || !t.All(char.IsAsciiDigit) || string.IsNullOrEmpty(v1))
                return (false, string.IsNullOrEmpty(t) ? "-" : t);
            var signed = new byte[t.Length + 1 + body.Length];
            Encoding.ASCII.GetBytes(t, signed);
            signed[t.Length] = (byte)'.';
            body.CopyTo(signed, t.Length + 1);
            var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(_key, signed)));
            var given = Encoding.ASCII.GetBytes(v1);
            return (System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, given), t);
        }
    }

    /// <summary>The per-request lines, buffered and flushed every second so the bench can watch the file grow.</summary>
    public sealed class RequestRecord : IAsyncDisposable
    {
        private readonly StreamWriter _writer;
        private readonly Lock _lock = new();
        private readonly Timer _flusher;
        private long _posts, _bad;

        public RequestRecord(string path)
        {
            _writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
            _flusher = new Timer(_ => { lock (_lock) _writer.Flush(); }, null, 1000, 1000);
        }

        public long Posts => Interlocked.Read(ref _posts);
        public long BadSignatures => Interlocked.Read(ref _bad);

        public void Add(double arrived, string eventId, string deliveryId, bool ok, string t, string path)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{arrived:F6} {eventId} {deliveryId} {(ok ? 1 : 0)} {t} {path}");
            lock (_lock)
            {
                _writer.WriteLine(line);
                _posts++;
                if (!ok)
                    _bad++;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _flusher.DisposeAsync();
            lock (_lock)
                _writer.Flush();
            await _writer.DisposeAsync();
        }
    }
}
