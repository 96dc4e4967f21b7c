using Leadline.ApiHost.Leads;
using Leadline.Grains.Leads;

namespace Leadline.UnitTests.Leads;

public class FieldValueValidatorTests
{
    private static LeadFieldSpec Spec(string name)
    {
        Assert.True(LeadFieldCatalog.TryGet(name, out var spec));
        return spec;
    }

    private static (int? Code, string Canonical, string? Text) Validate(string field, string raw, int phoneCode = 1)
    {
        var error = FieldValueValidator.Validate(Spec(field), raw, phoneCode, out var canonical);
        return (error?.Code, canonical, error?.Text);
    }

    [Fact]
    public void Text_is_trimmed()
    {
        var (code, canonical, _) = Validate("first_name", "  Ann  ");

        Assert.Null(code);
        Assert.Equal("Ann", canonical);
    }

    [Fact]
    public void Text_of_exactly_the_max_length_is_accepted()
    {
        var (code, canonical, _) = Validate("first_name", new string('a', 100));

        Assert.Null(code);
        Assert.Equal(100, canonical.Length);
    }

    [Fact]
    public void Text_longer_than_the_max_length_is_6050_naming_the_field()
    {
        var (code, _, text) = Validate("first_name", new string('a', 101));

        Assert.Equal(6050, code);
        Assert.Contains("first_name", text);
        Assert.Contains("100", text);
    }

    [Fact]
    public void Length_is_measured_after_trimming()
    {
        var (code, _, _) = Validate("postal_code", "   " + new string('9', 20) + "   ");

        Assert.Null(code);
    }

    [Fact]
    public void A_custom_field_spec_uses_its_own_max_length()
    {
        var spec = new LeadFieldSpec("lead_source", LeadFieldKind.Text, 5, "");

        Assert.Null(FieldValueValidator.Validate(spec, "12345", 1, out _));
        var error = FieldValueValidator.Validate(spec, "123456", 1, out _);
        Assert.Equal(6050, error?.Code);
        Assert.Contains("lead_source", error?.Text);
    }

    [Theory]
    [InlineData("first_name", "Bo\0b")]
    [InlineData("notes", "\0")]
    [InlineData("email", "a\0@example.com")]
    [InlineData("alt_phone_1", "727555\01212")]
    [InlineData("date_of_birth", "1980-01-01\0")]
    [InlineData("monthly_revenue", "1\0")]
    public void A_nul_character_is_refused_in_every_kind_of_field(string field, string raw)
    {
        var (code, _, text) = Validate(field, raw);

        Assert.Equal(6050, code);
        Assert.Contains(field, text);
    }

    [Theory]
    [InlineData("bob@example.com")]
    [InlineData("Bob.Smith+leads@mail.example.co.uk")]
    [InlineData("  bob@example.com ")]
    public void Valid_emails_are_accepted(string raw)
    {
        var (code, canonical, _) = Validate("email", raw);

        Assert.Null(code);
        Assert.Equal(raw.Trim(), canonical);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("bob@")]
    [InlineData("@example.com")]
    [InlineData("bob@example")]
    [InlineData("bob@@example.com")]
    [InlineData("Bob <bob@example.com>")]
    [InlineData("bob@example.com, ann@example.com")]
    public void Invalid_emails_are_6079(string raw)
    {
        Assert.Equal(6079, Validate("email", raw).Code);
    }

    [Theory]
    [InlineData("(727) 555-1313", "+17275551313")]
    [InlineData("727.555.1313", "+17275551313")]
    [InlineData("17275551313", "+17275551313")]
    public void Alt_phones_are_normalized_to_e164(string raw, string e164)
    {
        var (code, canonical, _) = Validate("alt_phone_1", raw);

        Assert.Null(code);
        Assert.Equal(e164, canonical);
    }

    [Fact]
    public void Alt_phones_use_the_requests_phone_code()
    {
        var (code, canonical, _) = Validate("alt_phone_2", "07911 123456", phoneCode: 44);

        Assert.Null(code);
        Assert.Equal("+447911123456", canonical);
    }

    [Fact]
    public void An_invalid_alt_phone_is_6008_naming_the_field()
    {
        var (code, _, text) = Validate("alt_phone_2", "555-1212");

        Assert.Equal(6008, code);
        Assert.Contains("alt_phone_2", text);
    }

    [Theory]
    [InlineData("1980-07-04", "1980-07-04")]
    [InlineData("07/04/1980", "1980-07-04")]
    [InlineData("7/4/1980", "1980-07-04")]
    [InlineData("2024-02-29", "2024-02-29")]
    [InlineData(" 12/31/1999 ", "1999-12-31")]
    public void Dates_in_accepted_formats_are_canonicalized(string raw, string expected)
    {
        var (code, canonical, _) = Validate("date_of_birth", raw);

        Assert.Null(code);
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData("2023-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("13/01/2020")]
    [InlineData("04.07.1980")]
    [InlineData("1980/07/04")]
    [InlineData("July 4, 1980")]
    [InlineData("yesterday")]
    public void Impossible_or_unknown_dates_are_6050_naming_the_field(string raw)
    {
        var (code, _, text) = Validate("start_date", raw);

        Assert.Equal(6050, code);
        Assert.Contains("start_date", text);
    }

    [Theory]
    [InlineData("$1,234.50", "1234.50")]
    [InlineData("$1,000,000", "1000000")]
    [InlineData("1234", "1234")]
    [InlineData("-$25.10", "-25.10")]
    [InlineData("0.5", "0.5")]
    [InlineData("99999999999999", "99999999999999")]
    public void Money_accepts_dollar_signs_and_thousands_separators(string raw, string expected)
    {
        var (code, canonical, _) = Validate("monthly_revenue", raw);

        Assert.Null(code);
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData("99999999999999.99")]
    [InlineData("-99999999999999.99")]
    [InlineData("$99,999,999,999,999.50")]
    public void Money_up_to_the_numeric_16_2_maximum_is_accepted(string raw)
    {
        var (code, canonical, _) = Validate("monthly_revenue", raw);

        Assert.Null(code);
        Assert.Equal(raw.Replace("$", "").Replace(",", ""), canonical);
    }

    [Fact]
    public void Money_is_rounded_to_cents()
    {
        Assert.Equal("10.13", Validate("annual_revenue", "10.129").Canonical);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("$")]
    [InlineData("12.3.4")]
    [InlineData("1e5")]
    [InlineData("100000000000000")] // beyond numeric(16,2)
    public void Money_that_is_not_a_storable_number_is_6050_naming_the_field(string raw)
    {
        var (code, _, text) = Validate("annual_revenue", raw);

        Assert.Equal(6050, code);
        Assert.Contains("annual_revenue", text);
    }
}
