using Leadline.ApiHost.DncApi.Import;
using Leadline.ApiHost.Imports;

namespace Leadline.UnitTests.Dnc;

public class DncImportRowTests
{
    private static readonly DncImportColumns Columns =
        DncImportColumns.FromHeader(["Phone_Number", "phone_code", "campaign_id", "reason", "purpose", "notes"]).Columns!;

    private static TableRecord Row(params string[] fields) => new(7, fields);

    [Fact]
    public void Header_columns_are_found_in_any_case_and_unknown_ones_reported()
    {
        Assert.Equal((0, 1, 2, 3, 4), (Columns.Phone, Columns.PhoneCode, Columns.Campaign, Columns.Reason, Columns.Purpose));
        Assert.Equal(["notes"], Columns.Ignored);
    }

    [Fact]
    public void Only_phone_number_is_required_in_the_header()
    {
        var columns = DncImportColumns.FromHeader(["reason", "phone_number"]).Columns!;

        Assert.Equal((1, -1, -1, 0), (columns.Phone, columns.PhoneCode, columns.Campaign, columns.Reason));
    }

    [Theory]
    [InlineData("7275551212", "reason")] // a data row, not a header
    [InlineData("phone", "reason")]
    public void A_header_without_phone_number_is_refused_with_6050(params string[] header)
    {
        var (columns, error) = DncImportColumns.FromHeader(header);

        Assert.Null(columns);
        Assert.Equal(6050, error!.Code);
        Assert.Contains("phone_number", error.Text);
    }

    [Fact]
    public void A_column_named_twice_is_refused()
    {
        Assert.Contains("twice", DncImportColumns.FromHeader(["phone_number", "PHONE_NUMBER"]).Error!.Text);
    }

    [Fact]
    public void A_row_normalizes_its_phone_and_reads_scope_reason_and_purpose()
    {
        var (entry, error) = DncImportRowParser.Parse(Columns, Row("(727) 555-1212", "", "12", " asked ", "sales", "x"));

        Assert.Null(error);
        Assert.Equal("+17275551212", entry!.Phone.E164);
        Assert.Equal(12, entry.CampaignId);
        Assert.Equal("asked", entry.Reason);
        Assert.Equal("sales", entry.Purpose);
    }

    [Fact]
    public void Missing_trailing_cells_mean_global_scope_and_no_reason()
    {
        var (entry, error) = DncImportRowParser.Parse(Columns, Row("7275551212"));

        Assert.Null(error);
        Assert.Equal((0L, null, null), (entry!.CampaignId, entry.Reason, entry.Purpose));
    }

    [Fact]
    public void A_phone_code_changes_how_the_number_is_read()
    {
        var (entry, _) = DncImportRowParser.Parse(Columns, Row("020 7946 0018", "44"));

        Assert.Equal("+442079460018", entry!.Phone.E164);
    }

    [Theory]
    [InlineData(6050, "", "", "")]                  // no phone number
    [InlineData(6007, "555-1212", "", "")]          // invalid number: Insert DNC's "Invalid Phone Number"
    [InlineData(6026, "7275551212", "999", "")]     // unknown phone code: "Missing or invalid Country Code"
    [InlineData(6026, "7275551212", "x", "")]
    [InlineData(6006, "7275551212", "", "abc")]     // campaign that is not an id: "Invalid Campaign ID"
    [InlineData(6006, "7275551212", "", "-3")]
    public void Bad_cells_give_the_insert_api_codes(int code, string phone, string phoneCode, string campaign)
    {
        var (entry, error) = DncImportRowParser.Parse(Columns, Row(phone, phoneCode, campaign));

        Assert.Null(entry);
        Assert.Equal(code, error!.Code);
    }

    [Fact]
    public void An_overlong_reason_is_6058_and_a_purpose_with_a_control_character_6057()
    {
        var (_, reasonError) = DncImportRowParser.Parse(Columns, Row("7275551212", "", "", new string('r', 256)));
        var (_, purposeError) = DncImportRowParser.Parse(Columns, Row("7275551212", "", "", "", "line\nbreak"));

        Assert.Equal(6058, reasonError!.Code);
        Assert.Contains("255", reasonError.Text);
        Assert.Equal(6057, purposeError!.Code);
    }

    [Fact]
    public void A_blank_marker_reason_is_no_reason()
    {
        var (entry, error) = DncImportRowParser.Parse(Columns, Row("7275551212", "", "", "-BLANK-", "-BLANK-"));

        Assert.Null(error);
        Assert.Equal((null, null), (entry!.Reason, entry.Purpose));
    }
}
