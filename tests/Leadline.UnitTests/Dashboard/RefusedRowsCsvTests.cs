using System.Text;
using Leadline.ApiHost.Imports.Jobs;

namespace Leadline.UnitTests.Dashboard;

public sealed class RefusedRowsCsvTests
{
    [Fact]
    public async Task Refused_rows_are_written_under_the_files_header_with_row_and_reason_first_quoted_as_RFC_4180_needs()
    {
        using var output = new MemoryStream();
        RefusedRow[] rows =
        [
            new(4, 6008, "The phone number is invalid (phone_number)", ["555-01", "Ann", "a@example.com"]),
            new(7, 6050, "Invalid value for row: has 2 fields, the header has 3", ["7275550101", "O'Neil, \"Bo\""]),
            new(9, 6079, "Invalid Email(s)", ["7275550102", "line one\r\nline two", " padded "]),
        ];

        await RefusedRowsCsv.WriteAsync(output, ["Phone", "Name", "E-mail, work"], rows.ToAsyncEnumerable());

        var bytes = output.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal(
            "row,reason,Phone,Name,\"E-mail, work\"\r\n" +
            "4,6008 The phone number is invalid (phone_number),555-01,Ann,a@example.com\r\n" +
            "7,\"6050 Invalid value for row: has 2 fields, the header has 3\",7275550101,\"O'Neil, \"\"Bo\"\"\"\r\n" +
            "9,6079 Invalid Email(s),7275550102,\"line one\r\nline two\",\" padded \"\r\n",
            Encoding.UTF8.GetString(bytes[3..]));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(" edge", "\" edge\"")]
    public void A_field_is_quoted_only_when_it_must_be(string field, string written) =>
        Assert.Equal(written, RefusedRowsCsv.Quote(field));
}
