using static Leadline.UnitTests.Leads.InsertRequestBuilder;

namespace Leadline.UnitTests.Leads;

/// <summary>Standard fields, custom fields and ignored parameters of an insert.</summary>
public class InsertLeadParserFieldsTests
{
    [Fact]
    public void Standard_fields_are_kept_trimmed()
    {
        var fields = Accepted(("first_name", "  Ann "), ("last_name", "Lee"), ("city", "Tampa")).Fields.Standard;

        Assert.Equal("Ann", fields["first_name"]);
        Assert.Equal("Lee", fields["last_name"]);
        Assert.Equal("Tampa", fields["city"]);
    }

    [Fact]
    public void Blank_standard_fields_are_left_out()
    {
        Assert.False(Accepted(("first_name", "   ")).Fields.Standard.ContainsKey("first_name"));
    }

    [Fact]
    public void A_valid_email_is_kept()
    {
        Assert.Equal("ann@example.com", Accepted(("email", "ann@example.com")).Fields.Standard["email"]);
    }

    [Theory]
    [InlineData("ann")]
    [InlineData("ann@example")]
    [InlineData("ann@@example.com")]
    public void An_invalid_email_is_6079(string email)
    {
        Assert.Equal(6079, Refused(("email", email)).Code);
    }

    [Theory]
    [InlineData("1980-07-04", "1980-07-04")]
    [InlineData("07/04/1980", "1980-07-04")]
    public void Dates_are_canonicalized(string raw, string expected)
    {
        Assert.Equal(expected, Accepted(("date_of_birth", raw)).Fields.Standard["date_of_birth"]);
    }

    [Fact]
    public void An_impossible_date_is_6050_naming_the_field()
    {
        var error = Refused(("start_date", "2023-02-30"));

        Assert.Equal(6050, error.Code);
        Assert.Contains("start_date", error.Text);
    }

    [Fact]
    public void Money_with_dollar_sign_and_commas_is_a_plain_number()
    {
        var fields = Accepted(("monthly_revenue", "$1,234.50"), ("annual_revenue", "$14,814")).Fields.Standard;

        Assert.Equal("1234.50", fields["monthly_revenue"]);
        Assert.Equal("14814", fields["annual_revenue"]);
    }

    [Fact]
    public void Money_that_is_not_a_number_is_6050_naming_the_field()
    {
        var error = Refused(("monthly_revenue", "lots"));

        Assert.Equal(6050, error.Code);
        Assert.Contains("monthly_revenue", error.Text);
    }

    [Fact]
    public void A_standard_field_at_its_max_length_is_accepted()
    {
        Assert.Equal(20, Accepted(("postal_code", new string('1', 20))).Fields.Standard["postal_code"].Length);
    }

    [Theory]
    [InlineData("postal_code", 21)]
    [InlineData("first_name", 101)]
    [InlineData("notes", 4001)]
    public void A_standard_field_longer_than_its_max_length_is_6050_naming_the_field(string field, int length)
    {
        var error = Refused((field, new string('x', length)));

        Assert.Equal(6050, error.Code);
        Assert.Contains(field, error.Text);
    }

    [Theory]
    [InlineData("first_name", "Ann\0")]
    [InlineData("notes", "a\0b")]
    [InlineData("lead_source", "web\0")]
    public void A_nul_character_is_6050_naming_the_field(string field, string value)
    {
        var error = Refused((field, value));

        Assert.Equal(6050, error.Code);
        Assert.Contains(field, error.Text);
    }

    [Fact]
    public void Custom_fields_are_accepted_up_to_their_max_length()
    {
        var request = Accepted(("lead_source", new string('w', 20)), ("sub_id", "A1B2C3D4"));

        Assert.Equal(new string('w', 20), request.Fields.Custom["lead_source"]);
        Assert.Equal("A1B2C3D4", request.Fields.Custom["sub_id"]);
        Assert.False(request.Fields.Standard.ContainsKey("lead_source"));
        Assert.Empty(request.Ignored);
    }

    [Theory]
    [InlineData("lead_source", 21)]
    [InlineData("sub_id", 9)]
    public void A_custom_field_longer_than_its_max_length_is_6050_naming_the_field(string field, int length)
    {
        var error = Refused((field, new string('x', length)));

        Assert.Equal(6050, error.Code);
        Assert.Contains(field, error.Text);
    }

    [Fact]
    public void Unknown_parameters_are_listed_in_ignored_sorted()
    {
        var request = Accepted(("zeta", "1"), ("alpha", "2"), ("Mid", "3"), ("utm_source", "fb"));

        Assert.Equal(["Mid", "alpha", "utm_source", "zeta"], request.Ignored);
        Assert.Empty(request.Fields.Custom);
        Assert.Empty(request.Fields.Standard);
    }

    [Fact]
    public void Created_by_and_last_modified_by_are_ignored_not_stored()
    {
        var request = Accepted(("created_by", "42"), ("last_modified_by", "43"));

        Assert.Equal(["created_by", "last_modified_by"], request.Ignored);
        Assert.False(request.Fields.Standard.ContainsKey("created_by"));
        Assert.False(request.Fields.Custom.ContainsKey("created_by"));
    }

    [Fact]
    public void Option_parameters_are_not_listed_in_ignored()
    {
        var request = Accepted(
            ("phone_code", "1"), ("check_dup", "1"), ("check_dup_archive", "1"), ("check_dnc", "1"),
            ("update_if_found", "1"), ("search_list_id", "1"), ("search_campaign_id", "1"), ("hopper", "1"),
            ("hopper_priority", "5"), ("hopper_expires_in", "5"));

        Assert.Empty(request.Ignored);
    }
}
