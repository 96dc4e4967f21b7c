using System.Text;
using Leadline.ApiHost.Imports;
using static Leadline.UnitTests.Imports.TableFiles;

namespace Leadline.UnitTests.Imports;

/// <summary>
/// The CSV reader of lead and DNC imports (CsvHelper through <see cref="TableReaders"/>). The first part ports every
/// case of the two hand-written readers' tests (tests/Leadline.UnitTests/Leads/Import/CsvRowReaderTests.cs and
/// tests/Leadline.UnitTests/Dnc/CsvRowReaderTests.cs, deleted with the readers); where the library reads a case
/// otherwise, the test name says how.
/// </summary>
public sealed class CsvTableReaderTests
{
    // ---- ported from the lead import's CsvRowReaderTests

    [Fact]
    public async Task Plain_fields_with_lf_and_crlf_line_ends()
    {
        var records = await ReadAllAsync("a,b,c\r\n1,2,3\n4,,6");

        Assert.Equal([["a", "b", "c"], ["1", "2", "3"], ["4", "", "6"]], Fields(records));
        Assert.Equal([1L, 2, 3], records.Select(r => r.Line));
    }

    [Fact]
    public async Task Quoted_fields_keep_commas_line_breaks_and_doubled_quotes()
    {
        var records = await ReadAllAsync("\"Lee, Ann\",\"two\r\nlines\",\"say \"\"hi\"\"\"\nx,\"\",y\n");

        Assert.Equal([["Lee, Ann", "two\r\nlines", "say \"hi\""], ["x", "", "y"]], Fields(records));
        Assert.Equal([1L, 3], records.Select(r => r.Line)); // the quoted line break is a line of the file
    }

    [Fact]
    public async Task A_trailing_line_end_makes_no_extra_record_and_a_blank_line_is_one_empty_field()
    {
        var records = await ReadAllAsync("a\n\nb\n");

        Assert.Equal([["a"], [""], ["b"]], Fields(records));
        Assert.True(records[1].IsBlank);
        Assert.False(records[0].IsBlank);
    }

    [Fact]
    public async Task Empty_text_has_no_records()
    {
        Assert.Empty(await ReadAllAsync(""));
        Assert.Empty(await ReadAllAsync([0xEF, 0xBB, 0xBF])); // a byte order mark alone
    }

    [Fact]
    public async Task A_quote_inside_an_unquoted_field_is_kept()
    {
        var records = await ReadAllAsync("5'11\" tall,ok");

        Assert.Equal([["5'11\" tall", "ok"]], Fields(records));
    }

    [Fact]
    public async Task An_unclosed_quote_at_the_end_stops_reading_after_the_rows_before_it()
    {
        var (read, error) = await ReadUntilErrorAsync("a,b\n\"never closed,x\n");

        Assert.Equal([["a", "b"]], Fields(read));
        Assert.Contains("not closed", error.Message);
        Assert.StartsWith("Line 2:", error.Message);
    }

    [Fact]
    public async Task A_record_longer_than_64_KB_stops_reading_after_the_good_ones()
    {
        var (read, error) = await ReadUntilErrorAsync("ok,1\n" + new string('x', 70_000) + "\nnext,row\n");

        Assert.Equal([["ok", "1"]], Fields(read));
        Assert.Contains("longer than 64 KB", error.Message);
        Assert.StartsWith("Line 2:", error.Message);
    }

    [Fact]
    public async Task A_record_just_under_64_KB_is_read()
    {
        var records = await ReadAllAsync("ok,1\n" + new string('x', 60_000) + ",y\nnext,row\n");

        Assert.Equal(60_000, records[1].Fields[0].Length);
        Assert.Equal(["next", "row"], records[2].Fields);
    }

    [Fact]
    public async Task Records_spanning_buffer_refills_are_read_whole()
    {
        // Past CsvHelper's 64 KB buffer, with doubled quotes on both sides of a refill somewhere.
        var value = string.Concat(Enumerable.Repeat("ab\"\"", 9000));
        var before = string.Concat(Enumerable.Range(0, 3000).Select(i => $"row{i},{i}\n"));
        var records = await ReadAllAsync($"{before}\"{value}\",end\nnext,row");

        Assert.Equal(3002, records.Count);
        Assert.Equal(value.Replace("\"\"", "\""), records[3000].Fields[0]);
        Assert.Equal("end", records[3000].Fields[1]);
        Assert.Equal(["next", "row"], records[3001].Fields);
    }

    // ---- ported from the DNC import's CsvRowReaderTests

    [Fact]
    public async Task Plain_rows_split_on_commas_with_their_line_numbers()
    {
        var records = await ReadAllAsync("phone_number,reason\n7275551212,asked\n7275551213,\n");

        Assert.Equal([["phone_number", "reason"], ["7275551212", "asked"], ["7275551213", ""]], Fields(records));
        Assert.Equal([1L, 2, 3], records.Select(r => r.Line));
    }

    [Fact]
    public async Task Crlf_line_ends_and_a_missing_final_line_end_are_read_alike()
    {
        var records = await ReadAllAsync("a,b\r\nc,d");

        Assert.Equal([["a", "b"], ["c", "d"]], Fields(records));
        Assert.Equal(2, records[1].Line);
    }

    [Fact]
    public async Task Quoted_fields_keep_commas_escaped_quotes_and_line_breaks()
    {
        var records = await ReadAllAsync("\"(727) 555-1212\",\"said \"\"stop\"\", twice\"\n\"multi\nline\",x\nnext,row\n");

        Assert.Equal(["(727) 555-1212", "said \"stop\", twice"], records[0].Fields);
        Assert.Equal(["multi\nline", "x"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(4, records[2].Line); // the quoted line break counts as a line of the file
    }

    [Fact]
    public async Task Blank_lines_are_blank_records_and_counted()
    {
        var records = await ReadAllAsync("a\n\n\r\nb\n");

        var rows = records.Where(r => !r.IsBlank).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(4, rows[1].Line);
        Assert.All(records.Where(r => r.IsBlank), r => Assert.Equal([""], r.Fields));
    }

    [Fact]
    public async Task An_unterminated_quote_stops_reading_after_the_records_before_it()
    {
        var (read, error) = await ReadUntilErrorAsync("ok\n\"never closed,\n");

        Assert.Equal([["ok"]], Fields(read));
        Assert.Contains("Line 2", error.Message);
    }

    [Theory]
    [InlineData("72\"75,x\n", "72\"75")]                   // a quote inside an unquoted field
    [InlineData("\"7275551212\"junk,x\n", "7275551212junk")] // text after a closing quote
    public async Task Stray_quotes_are_kept_as_text_and_reading_goes_on(string text, string first)
    {
        var records = await ReadAllAsync(text + "next\n");

        Assert.Equal([[first, "x"], ["next"]], Fields(records));
    }

    [Fact]
    public async Task An_overlong_record_stops_reading()
    {
        var (read, error) = await ReadUntilErrorAsync("first\n" + new string('9', 40_000) + "," + new string(',', 40_000) + "\nnext,row\n");

        Assert.Equal([["first"]], Fields(read));
        Assert.Contains("longer than", error.Message);
    }

    [Fact]
    public async Task Records_spanning_the_read_buffer_are_read_whole()
    {
        var rows = Enumerable.Range(0, 5000).Select(i => $"\"{i}\",\"r{i}\"").ToList();
        var records = await ReadAllAsync(string.Join("\r\n", rows) + "\r\n");

        Assert.Equal(5000, records.Count);
        Assert.All(records.Select((r, i) => (r, i)), p => Assert.Equal([p.i.ToString(), "r" + p.i], p.r.Fields));
        Assert.Equal(Enumerable.Range(1, 5000).Select(i => (long)i), records.Select(r => r.Line));
    }

    // ---- what the library reader adds

    [Fact]
    public async Task A_utf8_byte_order_mark_is_not_part_of_the_first_header()
    {
        var records = await ReadAllAsync([0xEF, 0xBB, 0xBF, .. "phone_number;first_name\n7275551212;Zoë\n"u8]);

        Assert.Equal([["phone_number", "first_name"], ["7275551212", "Zoë"]], Fields(records));
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    [InlineData(',')]
    public async Task The_separator_is_detected_from_the_header_line(char separator)
    {
        var s = separator.ToString();
        var records = await ReadAllAsync($"phone_number{s}first_name{s}city\n7275551212{s}\"Lee{s} Ann\"{s}Tampa\n");

        Assert.Equal(["7275551212", $"Lee{s} Ann", "Tampa"], records[1].Fields);
    }

    [Fact]
    public async Task Separators_inside_quoted_header_names_do_not_count()
    {
        var records = await ReadAllAsync("\"Name, Last; First\";Phone\nLee;7275551212\n");

        Assert.Equal([["Name, Last; First", "Phone"], ["Lee", "7275551212"]], Fields(records));
    }

    [Fact]
    public async Task Only_the_header_line_decides_the_separator()
    {
        // One column: commas, not the semicolons of the data, and a value with a ';' stays whole.
        var records = await ReadAllAsync("phone_number\n7275551212;x\n");

        Assert.Equal([["phone_number"], ["7275551212;x"]], Fields(records));
        Assert.Equal(',', CsvTableReader.DetectSeparator("a;b,c\n"u8)); // a tie is a comma
        Assert.Equal('|', CsvTableReader.DetectSeparator("a|b|c,d\n1;2;3;4;5\n"u8));
    }

    [Fact]
    public async Task Excels_sep_line_sets_the_separator_and_is_skipped()
    {
        var records = await ReadAllAsync("sep=;\nphone;name\n1;Ann, Lee\n");

        Assert.Equal([["phone", "name"], ["1", "Ann, Lee"]], Fields(records));
        Assert.Equal([2L, 3], records.Select(r => r.Line));
    }

    [Fact]
    public async Task Crlf_line_ends_inside_and_outside_quotes_count_one_line_each()
    {
        var records = await ReadAllAsync("h1,h2\r\n\"a\r\nb\r\nc\",x\r\n\r\nlast,y\r\n");

        Assert.Equal(["a\r\nb\r\nc", "x"], records[1].Fields);
        Assert.Equal([1L, 2, 5, 6], records.Select(r => r.Line));
        Assert.True(records[2].IsBlank);
    }

    [Fact]
    public async Task Old_mac_cr_line_ends_are_line_ends()
    {
        var records = await ReadAllAsync("a,b\r1,2\r3,4");

        Assert.Equal([["a", "b"], ["1", "2"], ["3", "4"]], Fields(records));
        Assert.Equal([1L, 2, 3], records.Select(r => r.Line));
    }

    [Fact]
    public async Task A_line_of_spaces_or_only_separators_is_blank()
    {
        var records = await ReadAllAsync("a,b\n   \n,,\n1,2\n");

        Assert.Equal([false, true, true, false], records.Select(r => r.IsBlank));
    }

    [Fact]
    public async Task Text_that_is_not_utf8_stops_reading_at_its_line()
    {
        byte[] file = [.. "phone,name\n7275551212,Ann\n7275551213,Jos"u8, 0xE9, .. "\n7275551214,Bob\n"u8]; // Windows-1252 é

        var (read, error) = await ReadUntilErrorAsync(file);

        Assert.Equal(2, read.Count);
        Assert.StartsWith("Line 3 is not UTF-8 text", error.Message);
    }

    [Fact]
    public async Task A_utf16_file_with_its_byte_order_mark_is_read()
    {
        var file = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("phone\tname\n7275551212\tZoë\n")).ToArray();

        var records = await ReadAllAsync(file);

        Assert.Equal([["phone", "name"], ["7275551212", "Zoë"]], Fields(records));
    }

    [Fact]
    public async Task A_stream_that_hands_out_a_few_bytes_at_a_time_loses_none()
    {
        var text = "phone_number;first_name\r\n7275551212;\"A;nn\"\r\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"727555{i:D4};n{i}\r\n"));

        var records = await ReadAllAsync(Encoding.UTF8.GetBytes(text), "leads.csv", maxChunk: 3);

        Assert.Equal(2002, records.Count);
        Assert.Equal(["phone_number", "first_name"], records[0].Fields);
        Assert.Equal(["7275551212", "A;nn"], records[1].Fields);
        Assert.Equal(["7275551999", "n1999"], records[^1].Fields);
    }

    [Fact]
    public async Task A_long_file_is_read_with_bounded_memory()
    {
        // 40 MB generated as it is read: live memory must not grow with it.
        var stream = new GeneratedCsvStream(rows: 700_000);
        await using var reader = await TableReaders.OpenAsync(stream, "big.csv");
        long records = 0, lastLine = 0, peak = 0;
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        while (await reader.ReadAsync() is { } record)
        {
            records++;
            lastLine = record.Line;
            if (records % 100_000 == 0)
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
        }

        Assert.Equal(700_001, records);
        Assert.Equal(700_001, lastLine);
        Assert.True(peak < 8 * 1024 * 1024, $"live memory grew by {peak / 1024} KB");
    }

    [Fact]
    public async Task A_cancelled_read_throws_and_reads_nothing()
    {
        await using var reader = await TableReaders.OpenAsync(new UploadStream("a,b\n1,2\n"u8.ToArray()), null);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAsync(cancelled.Token).AsTask());
    }

    /// <summary>A lead CSV of <paramref name="rows"/> rows, made as it is read (never held whole).</summary>
    private sealed class GeneratedCsvStream(int rows) : ForwardOnlyStream
    {
        private int _next = -1;
        private byte[] _pending = [];
        private int _at;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_at == _pending.Length)
            {
                if (_next >= rows)
                    return 0;
                var chunk = new StringBuilder();
                for (; _next < rows && chunk.Length < 32 * 1024; _next++)
                    chunk.Append(_next < 0 ? "phone_number,first_name,last_name,email,city\n"
                        : $"727{200 + _next / 10_000:D3}{_next % 10_000:D4},First{_next},\"Last, {_next}\",user{_next}@example.com,Tampa\n");
                (_pending, _at) = (Encoding.UTF8.GetBytes(chunk.ToString()), 0);
            }
            var n = Math.Min(buffer.Length, _pending.Length - _at);
            _pending.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => ValueTask.FromResult(Read(buffer.Span));
    }
}
