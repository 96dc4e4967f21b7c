using System.IO.Compression;
using System.Text;
using Leadline.ApiHost.Imports;
using static Leadline.UnitTests.Imports.TableFiles;

namespace Leadline.UnitTests.Imports;

/// <summary>.xlsx uploads (ExcelDataReader through <see cref="TableReaders"/>), with workbooks written by DocumentFormat.OpenXml.</summary>
public sealed class XlsxTableReaderTests
{
    [Fact]
    public async Task A_workbook_is_read_row_by_row_with_the_sheets_row_numbers()
    {
        var file = XlsxBuilder.Build(
            ["phone_number", "first_name", "city"],
            ["7275551212", "Ann", "Tampa"],
            ["7275551213", "Bob", "St. Petersburg"]);

        var records = await ReadAllAsync(file, "leads.xlsx");

        Assert.Equal([["phone_number", "first_name", "city"], ["7275551212", "Ann", "Tampa"], ["7275551213", "Bob", "St. Petersburg"]], Fields(records));
        Assert.Equal([1L, 2, 3], records.Select(r => r.Line));
    }

    [Fact]
    public async Task Inline_strings_read_like_shared_ones()
    {
        var file = XlsxBuilder.BuildSheets([[["phone", "name"], ["7275551212", "Zoë, \"Z\""]]], inlineStrings: true);

        Assert.Equal([["phone", "name"], ["7275551212", "Zoë, \"Z\""]], Fields(await ReadAllAsync(file, "x.xlsx")));
    }

    [Fact]
    public async Task Phones_stored_as_numbers_read_as_their_digits()
    {
        var file = XlsxBuilder.Build(["phone_number", "alt_phone_1"], [7275551212d, 17275551213L], [4.4207946001E+11, 7275551214]);

        var records = await ReadAllAsync(file, "leads.xlsx");

        Assert.Equal(["7275551212", "17275551213"], records[1].Fields);
        Assert.Equal(["442079460010", "7275551214"], records[2].Fields);
    }

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(100.0, "100")]
    [InlineData(0.1, "0.1")]
    [InlineData(-3.0, "-3")]
    [InlineData(0.0000001, "0.0000001")]
    [InlineData(123456789012345678.0, "123456789012346000")] // Excel keeps 15 significant digits
    [InlineData(0.30000000000000004, "0.3")]
    public async Task Numbers_read_without_exponent_or_trailing_zeros(double value, string text)
    {
        var records = await ReadAllAsync(XlsxBuilder.Build(["n"], [value]), "n.xlsx");

        Assert.Equal(text, records[1].Fields[0]);
    }

    [Fact]
    public async Task Dates_read_as_iso_dates_and_with_their_time_when_they_have_one()
    {
        var file = XlsxBuilder.Build(["date_of_birth", "called_at"], [new DateTime(1980, 3, 5), new DateTime(2024, 11, 27, 14, 30, 5)]);

        var records = await ReadAllAsync(file, "x.xlsx");

        Assert.Equal(["1980-03-05", "2024-11-27 14:30:05"], records[1].Fields);
    }

    [Fact]
    public async Task A_number_formatted_with_leading_zeros_keeps_them()
    {
        var file = XlsxBuilder.Build(["postal_code", "other"], [new Formatted(2134, "00000"), new Formatted(2134, "0.00")]);

        var records = await ReadAllAsync(file, "x.xlsx");

        Assert.Equal(["02134", "2134"], records[1].Fields);
    }

    [Fact]
    public async Task Booleans_and_formulas_read_as_the_sheet_shows_them()
    {
        var file = XlsxBuilder.Build(["flag", "sum"], [true, new Formula("1+2", 3)], [false, null]);

        var records = await ReadAllAsync(file, "x.xlsx");

        Assert.Equal(["TRUE", "3"], records[1].Fields);
        Assert.Equal(["FALSE"], records[2].Fields);
    }

    [Fact]
    public async Task Blank_rows_and_rows_missing_from_the_sheet_are_blank_records_with_their_row_numbers()
    {
        var file = XlsxBuilder.Build(
            ["phone_number", "first_name"],
            ["7275551212", "Ann"],
            null,               // row 3 is not in the sheet at all
            [],                 // row 4 has no cells
            ["", "  "],         // row 5 has empty text
            ["7275551213", "Bob"]);

        var records = await ReadAllAsync(file, "x.xlsx");

        Assert.Equal([1L, 2, 3, 4, 5, 6], records.Select(r => r.Line));
        Assert.Equal([false, false, true, true, true, false], records.Select(r => r.IsBlank));
        Assert.Equal(["7275551213", "Bob"], records[5].Fields);
    }

    [Fact]
    public async Task Rows_missing_before_the_header_count_too()
    {
        var file = XlsxBuilder.Build(null, null, ["phone"], ["7275551212"]);

        var records = await ReadAllAsync(file, "x.xlsx");

        Assert.Equal([1L, 2, 3, 4], records.Select(r => r.Line));
        Assert.Equal([true, true, false, false], records.Select(r => r.IsBlank));
    }

    [Fact]
    public async Task Trailing_empty_cells_are_left_out_and_inner_ones_kept()
    {
        var file = XlsxBuilder.Build(["a", "b", "c", "d"], ["1", null, "3"], ["x"]);

        var records = await ReadAllAsync(file, "x.xlsx");

        Assert.Equal(["1", "", "3"], records[1].Fields);
        Assert.Equal(["x"], records[2].Fields);
    }

    [Fact]
    public async Task Only_the_first_worksheet_is_read()
    {
        var file = XlsxBuilder.BuildSheets([[["phone"], ["7275551212"]], [["other"], ["x"], ["y"]]]);

        Assert.Equal([["phone"], ["7275551212"]], Fields(await ReadAllAsync(file, "x.xlsx")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("leads.csv")] // the content wins over a wrong name
    [InlineData("LEADS.XLSX")]
    public async Task A_workbook_is_known_by_its_first_bytes_whatever_its_name(string? fileName)
    {
        var file = XlsxBuilder.Build(["phone"], ["7275551212"]);

        Assert.Equal([["phone"], ["7275551212"]], Fields(await ReadAllAsync(file, fileName)));
    }

    [Fact]
    public async Task A_workbook_arriving_a_few_bytes_at_a_time_is_read_whole()
    {
        var rows = new object?[]?[] { ["phone", "n"] }.Concat(Enumerable.Range(0, 3000).Select(i => new object?[] { 7275550000d + i, $"n{i}" })).ToArray();

        var records = await ReadAllAsync(XlsxBuilder.Build(rows), null, maxChunk: 7);

        Assert.Equal(3001, records.Count);
        Assert.Equal(["7275552999", "n2999"], records[^1].Fields);
    }

    [Fact]
    public async Task A_file_named_xlsx_that_is_no_workbook_is_refused_on_the_first_read()
    {
        var (read, error) = await ReadUntilErrorAsync("phone\n7275551212\n", "leads.xlsx");

        Assert.Empty(read);
        Assert.Contains("not an Excel workbook", error.Message);
    }

    [Fact]
    public async Task A_zip_that_is_no_workbook_is_refused()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        await using (var entry = archive.CreateEntry("readme.txt").Open())
            await entry.WriteAsync("hello"u8.ToArray());

        var (_, error) = await ReadUntilErrorAsync(zip.ToArray(), "leads.zip");

        Assert.Contains("not a readable Excel workbook", error.Message);
    }

    [Fact]
    public async Task A_truncated_workbook_is_refused()
    {
        var file = XlsxBuilder.Build(["phone"], ["7275551212"]);

        var (_, error) = await ReadUntilErrorAsync(file[..(file.Length / 2)], "leads.xlsx");

        Assert.Contains("workbook", error.Message);
    }

    [Theory]
    [InlineData("old.xls", false)]
    [InlineData(null, true)]
    public async Task An_xls_workbook_is_refused_with_what_to_do(string? fileName, bool compoundFileSignature)
    {
        byte[] file = compoundFileSignature ? [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0] : Encoding.UTF8.GetBytes("phone\n1\n");

        var (_, error) = await ReadUntilErrorAsync(file, fileName);

        Assert.Contains("save it as .xlsx", error.Message);
    }

    [Fact]
    public async Task The_temp_copy_is_deleted_when_the_reader_is_disposed()
    {
        var reader = await TableReaders.OpenAsync(new UploadStream(XlsxBuilder.Build(["phone"], ["1"])), "x.xlsx");
        Assert.NotNull(await reader.ReadAsync());
        var spool = Assert.IsType<XlsxTableReader>(reader).SpoolPath!;
        Assert.True(File.Exists(spool));

        await reader.DisposeAsync();

        Assert.False(File.Exists(spool));
    }

    [Fact]
    public async Task A_cancelled_read_throws()
    {
        await using var reader = await TableReaders.OpenAsync(new UploadStream(XlsxBuilder.Build(["phone"], ["1"])), "x.xlsx");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAsync(cancelled.Token).AsTask());
    }

    [Theory]
    [InlineData(7275551212d, null, "7275551212")]
    [InlineData(1e30, null, "1000000000000000000000000000000")]
    [InlineData(42d, "000", "042")]
    [InlineData(-42d, "000", "-42")]
    [InlineData(double.NaN, null, "")]
    public void Cell_text_of_numbers(double value, string? format, string text)
    {
        Assert.Equal(text, XlsxTableReader.Text(value, format));
    }
}
