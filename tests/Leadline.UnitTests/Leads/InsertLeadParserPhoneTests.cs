using static Leadline.UnitTests.Leads.InsertRequestBuilder;

namespace Leadline.UnitTests.Leads;

public class InsertLeadParserPhoneTests
{
    [Theory]
    [InlineData("(727) 555-1212")]
    [InlineData("727.555.1212")]
    [InlineData("727-555-1212")]
    [InlineData("17275551212")]
    [InlineData("+17275551212")]
    public void Phone_formats_normalize_to_e164(string raw)
    {
        var request = Accepted(("phone_number", raw));

        Assert.Equal("+17275551212", request.Phone.E164);
        Assert.Equal(1, request.Phone.CountryCode);
        Assert.Equal("7275551212", request.Phone.National);
    }

    [Theory]
    [InlineData("555-1212")]       // too short
    [InlineData("72755")]          // too short
    [InlineData("abcdefghij")]     // letters-only garbage
    [InlineData("call me maybe")]
    [InlineData("(127) 555-1212")] // NANP area code starts with 2-9
    public void An_invalid_phone_number_is_6008_naming_phone_number(string raw)
    {
        var error = Refused(("phone_number", raw));

        Assert.Equal(6008, error.Code);
        Assert.Contains("phone_number", error.Text);
    }

    [Theory]
    [InlineData("999")]
    [InlineData("0")]
    public void An_unknown_phone_code_is_6008(string phoneCode)
    {
        var error = Refused(("phone_code", phoneCode));

        Assert.Equal(6008, error.Code);
    }

    [Fact]
    public void Phone_code_defaults_to_1()
    {
        Assert.Equal(1, Accepted(("phone_code", null)).Phone.CountryCode);
    }

    [Fact]
    public void Phone_code_decides_the_country_of_a_national_number()
    {
        var request = Accepted(("phone_code", "44"), ("phone_number", "07911 123456"));

        Assert.Equal("+447911123456", request.Phone.E164);
        Assert.Equal(44, request.Phone.CountryCode);
    }

    [Theory]
    [InlineData("alt_phone_1", "(727) 555-1313", "+17275551313")]
    [InlineData("alt_phone_1", "727.555.1313", "+17275551313")]
    [InlineData("alt_phone_2", "1-727-555-1414", "+17275551414")]
    [InlineData("alt_phone_2", "+447911123456", "+447911123456")]
    public void Alt_phones_are_normalized_to_e164(string field, string raw, string e164)
    {
        var request = Accepted((field, raw));

        Assert.Equal(e164, request.Fields.Standard[field]);
    }

    [Fact]
    public void Alt_phones_follow_the_requests_phone_code()
    {
        var request = Accepted(("phone_code", "44"), ("phone_number", "07911 123456"), ("alt_phone_1", "020 7946 0018"));

        Assert.Equal("+442079460018", request.Fields.Standard["alt_phone_1"]);
    }

    [Fact]
    public void An_invalid_alt_phone_is_6008_naming_the_field()
    {
        var error = Refused(("alt_phone_1", "12345"));

        Assert.Equal(6008, error.Code);
        Assert.Contains("alt_phone_1", error.Text);
    }
}
