using Leadline.ApiHost.DncApi.Import;

namespace Leadline.UnitTests.Dnc;

public class CsvRowReaderTests
{
    private static async Task<List<CsvRecord>> ReadAllAsync(string text, int maxRecordChars = CsvRowReader.DefaultMaxRecordChars)
    {
        var reader = new CsvRowReader(new StringReader(text), maxRecordChars);
        var records = new List<CsvRecord>();
        while (await reader.ReadAsync() is { } record)
            records.Add(record);
        return records;
    }

    [Fact]
    public async Task Plain_rows_split_on_commas_with_their_line_numbers()
    {
        var records = await ReadAllAsync("phone_number,reason\n7275551212,asked\n7275551213,\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(["phone_number", "reason"], records[0].Fields);
        Assert.Equal(["7275551212", "asked"], records[1].Fields);
        Assert.Equal(["7275551213", ""], records[2].Fields);
        Assert.Equal([1, 2, 3], records.Select(r => r.Line));
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Fact]
    public async Task Crlf_line_ends_and_a_missing_final_line_end_are_read_alike()
    {
        var records = await ReadAllAsync("a,b\r\nc,d");

        Assert.Equal(["a", "b"], records[0].Fields);
        Assert.Equal(["c", "d"], records[1].Fields);
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
    public async Task Blank_lines_are_skipped_but_counted()
    {
        var records = await ReadAllAsync("a\n\n\r\nb\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(4, records[1].Line);
    }

    [Fact]
    public async Task An_unterminated_quote_is_an_error_on_that_record()
    {
        var records = await ReadAllAsync("ok\n\"never closed,\n");

        Assert.Null(records[0].Error);
        Assert.Contains("unterminated", Assert.Single(records.Skip(1)).Error);
    }

    [Theory]
    [InlineData("72\"75\",x\n", "quote inside")]
    [InlineData("\"7275551212\"junk,x\n", "after a closing quote")]
    public async Task Stray_quotes_make_the_record_an_error(string text, string why)
    {
        var record = Assert.Single(await ReadAllAsync(text + "next\n"), r => r.Error is not null);

        Assert.Contains(why, record.Error);
    }

    [Fact]
    public async Task An_overlong_record_is_an_error_and_reading_resumes_at_the_next_record()
    {
        var records = await ReadAllAsync(new string('9', 100) + "," + new string(',', 100) + "\nnext,row\n", maxRecordChars: 50);

        Assert.Contains("longer than 50", records[0].Error);
        Assert.True(records[0].Fields.Sum(f => f.Length + 1) <= 51);
        Assert.Equal(["next", "row"], records[1].Fields);
        Assert.Null(records[1].Error);
    }

    [Fact]
    public async Task Records_spanning_the_read_buffer_are_read_whole()
    {
        var rows = Enumerable.Range(0, 5000).Select(i => $"\"{i}\",\"r{i}\"").ToList();
        var records = await ReadAllAsync(string.Join("\r\n", rows) + "\r\n");

        Assert.Equal(5000, records.Count);
        Assert.All(records.Select((r, i) => (r, i)), p => Assert.Equal([p.i.ToString(), "r" + p.i], p.r.Fields));
    }
}
