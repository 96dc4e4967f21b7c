// bench/csv-readers-bench.sh: which CSV reader should Leadline's imports use? Writes one lead CSV shaped like
// bench/import-bench.sh's (phone_number,first_name,last_name,email,city; unique valid numbers) with some
// quoted fields (a comma, a doubled quote, an embedded line break) to a temp file, then reads every field of
// every row as a string, from a FileStream (not from memory), asynchronously as the import endpoints do, with:
//   Sylvan.Data.Csv 1.4.4  (TextReader over the stream; line numbers counted from the raw record)
//   CsvHelper 34.0.0       (UTF-8 bytes straight from the stream; TrackLineNumbers)
//   hand-written           (Leadline's former CsvRowReader over a StreamReader; no line numbers)
// each configured as an import needs it (the separator given, as the importer detects it from the header line
// itself; lines tracked where the reader can; text checked to be UTF-8; an unclosed quote an error; a 64 KB record
// limit), one untimed pass each, then 3 timed runs each (BENCH_CSV_RUNS), interleaved. Prints rows/s and managed bytes allocated
// (GC.GetTotalAllocatedBytes) per run, and checks that every reader read the same rows, fields and characters.
//
//   dotnet run -c Release -- [rows=1000000] [file=a temp file, deleted at the end]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Leadline.Bench.CsvReaders.Baseline;

var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var path = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), $"csv-readers-{Environment.ProcessId}.csv");
var runs = int.Parse(Environment.GetEnvironmentVariable("BENCH_CSV_RUNS") ?? "3", CultureInfo.InvariantCulture);

try
{
    var (bytes, expected) = Generate(path, rows);
    var chunk = Environment.GetEnvironmentVariable("BENCH_CSV_CHUNK") is { Length: > 0 } c && c != "0" ? $"; reads of at most {c} bytes" : "";
    Console.WriteLine($"file: {rows:N0} data rows + header, {bytes / 1024.0 / 1024.0:F1} MB, {expected.QuotedRows:N0} rows with quoted fields " +
                      $"({expected.MultiLineRows:N0} with an embedded line break); {Environment.ProcessorCount} cores, .NET {Environment.Version}{chunk}");
    Console.WriteLine();

    (string Name, Func<string, Task<Tally>> Read)[] readers =
    [
        ("Sylvan.Data.Csv 1.4.4", ReadSylvanAsync),
        ("CsvHelper 34.0.0", ReadCsvHelperAsync),
        ("hand-written (baseline)", ReadBaselineAsync),
    ];
    // One untimed pass of each first, so that the timed runs measure optimized code, not the JIT's first tiers.
    foreach (var (_, read) in readers)
        await read(path);
    var results = readers.ToDictionary(r => r.Name, _ => new List<(double RowsPerSecond, long Allocated, double CpuSeconds)>());
    for (var run = 1; run <= runs; run++)
    {
        foreach (var (name, read) in readers)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var tally = await read(path);
            clock.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var rate = tally.Records / clock.Elapsed.TotalSeconds;
            results[name].Add((rate, allocated, cpu.TotalSeconds));
            var check = tally.SameAs(expected) ? "ok" : $"MISMATCH: {tally} expected {expected}";
            Console.WriteLine($"run {run}  {name,-24} {clock.Elapsed.TotalSeconds,6:F2} s ({cpu.TotalSeconds,5:F2} s CPU)  {rate,12:N0} rows/s  " +
                              $"{allocated / 1024.0 / 1024.0,8:F0} MB allocated ({(double)allocated / tally.Records,5:F0} B/row)  {check}");
        }
    }

    Console.WriteLine();
    Console.WriteLine($"median (best) of {runs} runs:");
    var baseline = Median(results["hand-written (baseline)"].Select(r => r.RowsPerSecond));
    foreach (var (name, list) in results)
    {
        var rate = Median(list.Select(r => r.RowsPerSecond));
        var best = list.Max(r => r.RowsPerSecond);
        var allocated = Median(list.Select(r => (double)r.Allocated));
        var cpu = Median(list.Select(r => r.CpuSeconds));
        Console.WriteLine($"  {name,-24} {rate,12:N0} ({best,10:N0}) rows/s  {rate / baseline:F2}x the hand-written reader  " +
                          $"{cpu:F2} s CPU  {allocated / 1024 / 1024,6:F0} MB allocated ({allocated / rows:F0} B/row)");
    }
}
finally
{
    if (args.Length < 2)
        File.Delete(path);
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted[sorted.Length / 2];
}

// BENCH_CSV_CHUNK=N hands out at most N bytes per read, as an upload arriving over the network does (Kestrel gives
// what has arrived); 0 (the default): what the FileStream gives, as much as the reader asks for.
static Stream Open(string path)
{
    var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
    var chunk = int.Parse(Environment.GetEnvironmentVariable("BENCH_CSV_CHUNK") ?? "0", CultureInfo.InvariantCulture);
    return chunk > 0 ? new ChunkedStream(file, chunk) : file;
}

static async Task<Tally> ReadSylvanAsync(string path)
{
    var tally = new Tally();
    await using var stream = Open(path);
    using var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, 64 * 1024);
    var options = new Sylvan.Data.Csv.CsvDataReaderOptions
    {
        HasHeaders = false, Comment = '\0', Delimiter = ',', BufferSize = 64 * 1024, MaxBufferSize = 64 * 1024,
    };
    await using var csv = await Sylvan.Data.Csv.CsvDataReader.CreateAsync(text, options);
    long line = 1;
    while (await csv.ReadAsync())
    {
        var start = line;
        var raw = csv.GetRawRecordSpan();
        line += raw.Count('\n') + raw.Count('\r') - raw.Count("\r\n".AsSpan());
        tally.Add(start);
        for (var i = 0; i < csv.RowFieldCount; i++)
            tally.Field(csv.GetString(i));
    }
    return tally;
}

static async Task<Tally> ReadCsvHelperAsync(string path)
{
    var tally = new Tally();
    await using var stream = Open(path);
    var options = new CsvHelper.CsvReaderOptions // as src/ApiHost/Imports/CsvTableReader.cs
    {
        HasHeader = false, Separator = ',', TrackLineNumbers = true, SkipEmptyLines = false, MaxRecordSize = 64 * 1024,
        MalformedData = CsvHelper.CsvMalformedDataHandling.Recover,
        OnMalformedRecord = record =>
        {
            if (record.Reason == CsvHelper.CsvMalformedReason.UnterminatedQuote)
                throw new InvalidDataException($"line {record.LineNumber}: a quoted field is not closed");
        },
    };
    await using var csv = CsvHelper.CsvReader.Create(stream, options, leaveOpen: true);
    while (await csv.ReadAsync())
    {
        if (!System.Text.Unicode.Utf8.IsValid(csv.RawRecord))
            throw new InvalidDataException($"line {csv.LineNumber} is not UTF-8");
        tally.Add(csv.LineNumber);
        for (var i = 0; i < csv.FieldCount; i++)
            tally.Field(csv.GetString(i));
    }
    return tally;
}

static async Task<Tally> ReadBaselineAsync(string path)
{
    var tally = new Tally();
    await using var stream = Open(path);
    using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 64 * 1024);
    var csv = new CsvRowReader(text);
    while (await csv.ReadRecordAsync() is { } record)
    {
        tally.Add(line: -1); // this reader does not know lines
        foreach (var field in record)
            tally.Field(field);
    }
    return tally;
}

static (long Bytes, Tally Expected) Generate(string path, int rows)
{
    var expected = new Tally();
    using (var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" })
    {
        long line = 1;
        void Row(params string[] fields)
        {
            var multiLine = false;
            var quoted = false;
            var cells = new string[fields.Length];
            for (var i = 0; i < fields.Length; i++)
            {
                var value = fields[i];
                expected.Field(value);
                if (value.AsSpan().IndexOfAny(",\"\n") >= 0)
                {
                    quoted = true;
                    multiLine |= value.Contains('\n');
                    value = "\"" + value.Replace("\"", "\"\"") + "\"";
                }
                cells[i] = value;
            }
            expected.Add(line);
            line += 1 + fields.Sum(f => f.Count(c => c == '\n'));
            expected.QuotedRows += quoted ? 1 : 0;
            expected.MultiLineRows += multiLine ? 1 : 0;
            file.WriteLine(string.Join(',', cells));
        }

        Row("phone_number", "first_name", "last_name", "email", "city");
        for (var i = 0; i < rows; i++)
        {
            var phone = $"727{200 + i / 10_000:D3}{i % 10_000:D4}";
            var first = i % 10 == 3 ? $"Ann, Lee{i}" : $"First{i}";
            var last = i % 50 == 7 ? $"O\"Brien{i}" : $"Last{i}";
            var city = i % 100 == 11 ? "Suite 5\nTampa" : "Tampa";
            Row(phone, first, last, $"user{i}@example.com", city);
        }
    }
    return (new FileInfo(path).Length, expected);
}

/// <summary>A stream that hands out at most <paramref name="max"/> bytes per read.</summary>
internal sealed class ChunkedStream(Stream inner, int max) : Stream
{
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
        inner.ReadAsync(buffer[..Math.Min(max, buffer.Length)], ct);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(max, count));
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>What a reader read: records, fields, characters and the sum of the records' start lines.</summary>
internal sealed class Tally
{
    public long Records { get; private set; }
    public long Fields { get; private set; }
    public long Chars { get; private set; }
    public long LineSum { get; private set; }
    public bool HasLines { get; private set; } = true;
    public long QuotedRows { get; set; }
    public long MultiLineRows { get; set; }

    public void Add(long line)
    {
        Records++;
        if (line < 0)
            HasLines = false;
        else
            LineSum += line;
    }

    public void Field(string value)
    {
        Fields++;
        Chars += value.Length;
    }

    public bool SameAs(Tally expected) =>
        (Records, Fields, Chars) == (expected.Records, expected.Fields, expected.Chars) && (!HasLines || LineSum == expected.LineSum);

    public override string ToString() => $"{Records} records, {Fields} fields, {Chars} chars, line sum {(HasLines ? LineSum : "n/a")}";
}
