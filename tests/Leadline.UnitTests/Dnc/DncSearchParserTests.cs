using Leadline.ApiHost.DncApi;

namespace Leadline.UnitTests.Dnc;

public class DncSearchParserTests
{
    private static DncSearchFilter Accepted(params (string Name, string Value)[] values)
    {
        var (filter, error) = DncSearchParser.Parse(5, values.ToDictionary(v => v.Name, v => v.Value));
        Assert.Null(error);
        return filter!;
    }

    private static Leadline.ApiHost.Convoso.ConvosoError Refused(params (string Name, string Value)[] values)
    {
        var (filter, error) = DncSearchParser.Parse(5, values.ToDictionary(v => v.Name, v => v.Value));
        Assert.Null(filter);
        return error!;
    }

    [Fact]
    public void No_parameters_is_the_first_page_of_everything()
    {
        Assert.Equal(new DncSearchFilter(5, Offset: 0, Limit: 100), Accepted());
    }

    [Fact]
    public void Phone_numbers_in_any_format_are_normalized()
    {
        Assert.Equal("+17275551212", Accepted(("phone_number", "(727) 555-1212")).PhoneE164);
        Assert.Equal("+442079460018", Accepted(("phone_number", "02079460018"), ("phone_code", "44")).PhoneE164);
    }

    [Fact]
    public void Campaign_id_0_means_the_global_entries()
    {
        Assert.Equal(0, Accepted(("campaign_id", "0")).CampaignId);
        Assert.Null(Accepted(("campaign_id", " ")).CampaignId);
    }

    [Fact]
    public void Insert_date_is_one_day_and_start_end_a_range()
    {
        var day = Accepted(("insert_date", "2026-03-04"));
        Assert.Equal((new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 4)), (day.InsertedFrom, day.InsertedTo));

        var open = Accepted(("insert_date_start", "2026-03-04"));
        Assert.Equal((new DateOnly(2026, 3, 4), (DateOnly?)null), (open.InsertedFrom, open.InsertedTo));
    }

    [Fact]
    public void Special_reasons_pass_through()
    {
        Assert.Equal("-BLANK-", Accepted(("reason", "-BLANK-")).Reason);
    }

    [Theory]
    [InlineData(6050, "limit", "0")]
    [InlineData(6050, "limit", "1001")]
    [InlineData(6050, "offset", "100001")]
    [InlineData(6050, "offset", "-1")]
    [InlineData(6050, "id", "abc")]
    [InlineData(6050, "insert_date", "03/04/2026")]
    [InlineData(6008, "phone_number", "555-1212")]
    [InlineData(6008, "phone_code", "999")]
    [InlineData(6005, "campaign_id", "x")]
    public void Wrong_values_are_refused_naming_the_parameter(int code, string name, string value)
    {
        var error = Refused((name, value));

        Assert.Equal((200, code), (error.HttpStatus, error.Code));
    }

    [Fact]
    public void A_range_that_ends_before_it_starts_or_mixes_forms_is_refused()
    {
        Assert.Equal(6050, Refused(("insert_date_start", "2026-03-05"), ("insert_date_end", "2026-03-04")).Code);
        Assert.Equal(6050, Refused(("insert_date", "2026-03-05"), ("insert_date_end", "2026-03-06")).Code);
    }

    [Fact]
    public void Limits_at_the_edges_are_accepted()
    {
        var filter = Accepted(("offset", "100000"), ("limit", "1000"));

        Assert.Equal((100000, 1000), (filter.Offset, filter.Limit));
    }
}
