using Leadline.ApiHost.Leads.Import;

namespace Leadline.UnitTests.Leads.Import;

public sealed class CsvRowReaderTests
{
    private static async Task<List<string[]>> ReadAllAsync(string text, int maxRecordChars = CsvRowReader.DefaultMaxRecordChars)
    {
        var reader = new CsvRowReader(new StringReader(text), maxRecordChars);
        var records = new List<string[]>();
        while (await reader.ReadRecordAsync() is { } record)
            records.Add(record);
        return records;
    }

    [Fact]
    public async Task Plain_fields_with_lf_and_crlf_line_ends()
    {
        var records = await ReadAllAsync("a,b,c\r\n1,2,3\n4,,6");
        Assert.Equal([["a", "b", "c"], ["1", "2", "3"], ["4", "", "6"]], records);
    }

    [Fact]
    public async Task Quoted_fields_keep_commas_line_breaks_and_doubled_quotes()
    {
        var records = await ReadAllAsync("\"Lee, Ann\",\"two\r\nlines\",\"say \"\"hi\"\"\"\nx,\"\",y\n");
        Assert.Equal([["Lee, Ann", "two\r\nlines", "say \"hi\""], ["x", "", "y"]], records);
    }

    [Fact]
    public async Task A_trailing_line_end_makes_no_extra_record_and_a_blank_line_is_one_empty_field()
    {
        var records = await ReadAllAsync("a\n\nb\n");
        Assert.Equal([["a"], [""], ["b"]], records);
        Assert.True(ImportRowMapper.IsBlank(records[1]));
    }

    [Fact]
    public async Task Empty_text_has_no_records()
    {
        Assert.Empty(await ReadAllAsync(""));
    }

    [Fact]
    public async Task A_quote_inside_an_unquoted_field_is_kept()
    {
        var records = await ReadAllAsync("5'11\" tall,ok");
        Assert.Equal([["5'11\" tall", "ok"]], records);
    }

    [Fact]
    public async Task An_unclosed_quote_at_the_end_stops_reading()
    {
        var ex = await Assert.ThrowsAsync<CsvFormatException>(() => ReadAllAsync("a,b\n\"never closed,x\n"));
        Assert.Contains("not closed", ex.Message);
    }

    [Fact]
    public async Task A_record_longer_than_the_limit_stops_reading_after_the_good_ones()
    {
        var reader = new CsvRowReader(new StringReader("ok,1\n" + new string('x', 200) + "\n"), maxRecordChars: 100);
        Assert.Equal(["ok", "1"], (await reader.ReadRecordAsync())!);
        await Assert.ThrowsAsync<CsvFormatException>(() => reader.ReadRecordAsync().AsTask());
    }

    [Fact]
    public async Task Records_spanning_buffer_refills_are_read_whole()
    {
        // Longer than the 16k character buffer, with a doubled quote at a refill boundary somewhere.
        var value = string.Concat(Enumerable.Repeat("ab\"\"", 9000));
        var records = await ReadAllAsync($"\"{value}\",end\nnext,row");
        Assert.Equal(value.Replace("\"\"", "\""), records[0][0]);
        Assert.Equal("end", records[0][1]);
        Assert.Equal(["next", "row"], records[1]);
    }
}
