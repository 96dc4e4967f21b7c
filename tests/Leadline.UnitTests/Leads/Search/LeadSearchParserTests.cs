using Leadline.ApiHost.Leads.Search;

namespace Leadline.UnitTests.Leads.Search;

public class LeadSearchParserTests
{
    private static readonly string[] CustomFields = ["loan_amount"];

    private static (LeadSearchRequest? Request, int? Code, string? Text) Parse(params (string Name, string Value)[] values)
    {
        var (request, error) = LeadSearchParser.Parse(values.ToDictionary(v => v.Name, v => v.Value), CustomFields);
        return (request, error?.Code, error?.Text);
    }

    private static FieldMatch Field(LeadSearchRequest request, string column) => Assert.Single(request.Fields, f => f.Column == column);

    [Fact]
    public void No_parameters_is_every_lead_from_offset_0_ten_at_a_time()
    {
        var (request, code, _) = Parse(("auth_token", "t"));

        Assert.Null(code);
        Assert.Empty(request!.Fields);
        Assert.Null(request.CreatedBy);
        Assert.True(request.Created.IsEmpty && request.Updated.IsEmpty);
        Assert.Equal((0, 10), (request.Offset, request.Limit));
        Assert.Empty(request.Ignored);
    }

    [Theory]
    [InlineData("limit", "1")]
    [InlineData("limit", "2000")]
    [InlineData("offset", "0")]
    [InlineData("offset", "1000000")]
    public void Limits_of_the_allowed_range_are_accepted(string name, string value)
    {
        Assert.Null(Parse((name, value)).Code);
    }

    [Theory]
    [InlineData("limit", "0", 7230)]
    [InlineData("limit", "2001", 7230)]
    [InlineData("limit", "1.5", 7230)]
    [InlineData("limit", "ten", 7230)]
    [InlineData("offset", "-1", 7231)]
    [InlineData("offset", "1000001", 7231)]
    [InlineData("offset", "x", 7231)]
    public void A_bad_offset_or_limit_answers_convosos_code_naming_it(string name, string value, int code)
    {
        var (request, actual, text) = Parse((name, value));

        Assert.Null(request);
        Assert.Equal(code, actual);
        Assert.StartsWith($"Invalid {name} value", text);
    }

    [Theory]
    [InlineData("lead_id", "0")]
    [InlineData("list_id", "x")]
    [InlineData("campaign_id", "-3")]
    [InlineData("created_by", "bob")]
    [InlineData("user_id", "bob")]
    [InlineData("user_id", "0")]
    [InlineData("user_id", "-4")]
    [InlineData("user_id", "1.5")]
    [InlineData("created_at_start_date", "soon")]
    [InlineData("updated_at_end_date", "2026-13-01")]
    public void A_bad_value_is_6050_naming_it(string name, string value)
    {
        var (request, code, text) = Parse((name, value));

        Assert.Null(request);
        Assert.Equal(6050, code);
        Assert.Contains(name, text);
    }

    [Fact]
    public void Ids_are_exact_matches()
    {
        var (request, _, _) = Parse(("lead_id", "5"), ("list_id", "6"), ("campaign_id", "7"));

        Assert.Equal(new FieldMatch("lead_id", MatchKind.Equal, 5L), Field(request!, "lead_id"));
        Assert.Equal(new FieldMatch("list_id", MatchKind.Equal, 6L), Field(request!, "list_id"));
        Assert.Equal(new FieldMatch("campaign_id", MatchKind.Equal, 7L), Field(request!, "campaign_id"));
    }

    [Theory]
    [InlineData("(727) 555-1212", null)]
    [InlineData("+1 727 555 1212", null)]
    [InlineData("17275551212", null)]
    [InlineData("7275551212", "1")]
    public void Phone_number_is_matched_in_e164(string written, string? phoneCode)
    {
        (string, string)[] values = phoneCode is null ? [("phone_number", written)] : [("phone_number", written), ("phone_code", phoneCode)];

        var (request, _, _) = Parse(values);

        Assert.Equal(new FieldMatch("phone_e164", MatchKind.Equal, "+17275551212"), Field(request!, "phone_e164"));
    }

    [Fact]
    public void Phone_code_applies_to_phone_and_alt_phones()
    {
        var (request, _, _) = Parse(("phone_number", "020 7946 0958"), ("alt_phone_2", "020 7946 0000"), ("phone_code", "44"));

        Assert.Equal("+442079460958", Field(request!, "phone_e164").Value);
        Assert.Equal(new FieldMatch("alt_phone_2", MatchKind.Equal, "+442079460000"), Field(request!, "alt_phone_2"));
    }

    [Theory]
    [InlineData("phone_number", "12345")]
    [InlineData("alt_phone_1", "555")]
    [InlineData("phone_code", "999")]
    public void A_bad_phone_is_6008_naming_the_field(string name, string value)
    {
        var (_, code, text) = Parse((name, value));

        Assert.Equal(6008, code);
        Assert.Contains(name, text);
    }

    [Fact]
    public void Names_and_addresses_ignore_case_while_status_and_owner_are_exact()
    {
        var (request, _, _) = Parse(("first_name", " Ann "), ("last_name", "Lee"), ("email", "Ann@Example.com"), ("city", "Tampa"),
            ("status", "NEW"), ("owner_id", "agent1"));

        Assert.Equal(new FieldMatch("first_name", MatchKind.IgnoreCase, "Ann"), Field(request!, "first_name"));
        Assert.Equal(MatchKind.IgnoreCase, Field(request!, "last_name").Kind);
        Assert.Equal(MatchKind.IgnoreCase, Field(request!, "email").Kind);
        Assert.Equal(MatchKind.IgnoreCase, Field(request!, "city").Kind);
        Assert.Equal(new FieldMatch("status", MatchKind.Equal, "NEW"), Field(request!, "status"));
        Assert.Equal(new FieldMatch("owner_id", MatchKind.Equal, "agent1"), Field(request!, "owner_id"));
    }

    [Fact]
    public void Dates_and_amounts_are_matched_as_stored()
    {
        var (request, _, _) = Parse(("date_of_birth", "04/05/1980"), ("monthly_revenue", "$1,250.5"));

        Assert.Equal(new DateOnly(1980, 4, 5), Field(request!, "date_of_birth").Value);
        Assert.Equal(1250.50m, Field(request!, "monthly_revenue").Value);
    }

    [Fact]
    public void Custom_fields_are_filters_and_unknown_names_are_ignored_in_order()
    {
        var (request, _, _) = Parse(("loan_amount", "25000"), ("zeta", "1"), ("alpha", "2"), ("last_modified_by", "3"));

        Assert.Equal(new FieldMatch("loan_amount", MatchKind.CustomField, "25000"), Field(request!, "loan_amount"));
        Assert.Equal(["alpha", "last_modified_by", "zeta"], request!.Ignored);
    }

    [Fact]
    public void Blank_values_are_no_filter()
    {
        var (request, _, _) = Parse(("first_name", "  "), ("list_id", ""), ("loan_amount", " "));

        Assert.Empty(request!.Fields);
    }

    [Theory]
    [InlineData("System API User")]
    [InlineData("system api user")]
    public void Created_by_system_api_user_means_any_api_user(string text)
    {
        var (request, _, _) = Parse(("created_by", text));

        Assert.True(request!.CreatedBy!.AnyApiUser);
    }

    [Fact]
    public void Created_by_a_number_is_that_user()
    {
        Assert.Equal(new CreatedByFilter(12), Parse(("created_by", "12")).Request!.CreatedBy);
    }

    [Fact]
    public void User_id_is_the_leads_creator_and_not_an_ignored_name()
    {
        var (request, code, _) = Parse(("user_id", "12"));

        Assert.Null(code);
        Assert.Equal(12, request!.UserId);
        Assert.Empty(request.Fields);
        Assert.Null(request.CreatedBy);
        Assert.Empty(request.Ignored);
    }

    [Fact]
    public void No_user_id_is_no_user_filter()
    {
        Assert.Null(Parse(("user_id", " ")).Request!.UserId);
        Assert.Null(Parse(("first_name", "Ann")).Request!.UserId);
    }

    [Fact]
    public void Date_ranges_are_half_open_in_utc()
    {
        var (request, _, _) = Parse(("created_at_start_date", "2026-03-01"), ("created_at_end_date", "2026-03-01"),
            ("updated_at_start_date", "2026-03-02 10:00:00"));

        Assert.Equal(new TimeRange(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc)), request!.Created);
        Assert.Equal(new TimeRange(new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc), null), request.Updated);
    }

    [Fact]
    public void An_end_before_its_start_is_6050_naming_the_end()
    {
        var (_, code, text) = Parse(("updated_at_start_date", "2026-03-02"), ("updated_at_end_date", "2026-03-01"));

        Assert.Equal(6050, code);
        Assert.Contains("updated_at_end_date", text);
    }

    [Fact]
    public void A_nul_character_in_a_custom_field_is_6050()
    {
        var (_, code, text) = Parse(("loan_amount", "1\02"));

        Assert.Equal(6050, code);
        Assert.Contains("loan_amount", text);
    }
}
