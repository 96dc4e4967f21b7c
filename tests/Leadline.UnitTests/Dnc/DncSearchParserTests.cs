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
    public void Insert_date_with_a_time_as_convoso_clients_send_it_is_that_day()
    {
        var day = Accepted(("insert_date", "2026-03-04 10:30:00"));

        Assert.Equal((new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 4)), (day.InsertedFrom, day.InsertedTo));
    }

    [Fact]
    public void Special_reasons_and_purposes_pass_through()
    {
        var filter = Accepted(("reason", "-BLANK-"), ("purpose", "-NOTBLANK-"));

        Assert.Equal(("-BLANK-", "-NOTBLANK-"), (filter.Reason, filter.Purpose));
        Assert.Equal("TELEMKT", Accepted(("purpose", "TELEMKT")).Purpose);
    }

    [Fact]
    public void Blank_values_as_convoso_clients_send_them_are_absent()
    {
        var filter = Accepted(("id", ""), ("campaign_id", ""), ("phone_number", ""), ("phone_code", "1"), ("insert_date", ""),
            ("offset", ""), ("limit", ""));

        Assert.Equal(new DncSearchFilter(5, Offset: 0, Limit: 100), filter);
    }

    [Theory]
    [InlineData(7230, "limit", "0")]
    [InlineData(7230, "limit", "1001")]
    [InlineData(7230, "limit", "ten")]
    [InlineData(7231, "offset", "100001")]
    [InlineData(7231, "offset", "-1")]
    [InlineData(6056, "id", "abc")]
    [InlineData(6056, "id", "0")]
    [InlineData(6050, "insert_date", "03/04/2026")]
    [InlineData(6007, "phone_number", "555-1212")]
    [InlineData(6026, "phone_code", "999")]
    [InlineData(6026, "phone_code", "x")]
    [InlineData(6006, "campaign_id", "x")]
    [InlineData(6058, "reason", "two\nlines")]
    [InlineData(6057, "purpose", "tab\there")]
    public void Wrong_values_are_refused_with_convosos_search_dnc_codes(int code, string name, string value)
    {
        var error = Refused((name, value));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Too_long_a_reason_or_purpose_is_6058_or_6057()
    {
        Assert.Equal(6058, Refused(("reason", new string('r', 256))).Code);
        Assert.Equal(6057, Refused(("purpose", new string('p', 256))).Code);
        Assert.Equal(new string('r', 255), Accepted(("reason", new string('r', 255))).Reason);
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
