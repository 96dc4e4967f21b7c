using Leadline.ApiHost.Phones;

namespace Leadline.UnitTests.Phones;

public class PhoneNormalizerTests
{
    [Theory]
    [InlineData("(727) 555-1212")]
    [InlineData("727.555.1212")]
    [InlineData("727-555-1212")]
    [InlineData("7275551212")]
    [InlineData("17275551212")]
    [InlineData("1-727-555-1212")]
    [InlineData("+17275551212")]
    [InlineData("+1 (727) 555-1212")]
    [InlineData("  727 555 1212  ")]
    public void Us_formats_normalize_to_one_e164(string raw)
    {
        Assert.True(PhoneNormalizer.TryNormalize(raw, 1, out var phone));

        Assert.Equal("+17275551212", phone.E164);
        Assert.Equal(1, phone.CountryCode);
        Assert.Equal("7275551212", phone.National);
    }

    [Theory]
    [InlineData("555-1212")]            // too short: no area code
    [InlineData("72755512")]            // too short
    [InlineData("727555121234")]        // too long
    [InlineData("abcdefghij")]          // letters only
    [InlineData("not a phone")]
    [InlineData("---")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("(127) 555-1212")]      // NANP area code must start with 2-9
    [InlineData("(027) 555-1212")]
    [InlineData("727-155-1212")]        // NANP exchange must start with 2-9
    [InlineData("727-055-1212")]
    public void Invalid_numbers_are_refused(string raw)
    {
        Assert.False(PhoneNormalizer.TryNormalize(raw, 1, out _));
    }

    [Fact]
    public void Input_longer_than_32_characters_is_refused()
    {
        Assert.False(PhoneNormalizer.TryNormalize("727-555-1212" + new string(' ', 10) + new string('-', 11), 1, out _));
    }

    [Theory]
    [InlineData(999)]
    [InlineData(0)]
    [InlineData(-1)]
    public void An_unknown_country_code_is_refused(int phoneCode)
    {
        Assert.False(PhoneNormalizer.IsKnownCountryCode(phoneCode));
        Assert.False(PhoneNormalizer.TryNormalize("7275551212", phoneCode, out _));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(44)]
    [InlineData(52)]
    public void Known_country_codes_are_recognised(int phoneCode)
    {
        Assert.True(PhoneNormalizer.IsKnownCountryCode(phoneCode));
    }

    [Fact]
    public void A_canadian_number_is_valid_under_phone_code_1()
    {
        Assert.True(PhoneNormalizer.TryNormalize("(416) 555-1212", 1, out var phone));

        Assert.Equal("+14165551212", phone.E164);
    }

    [Fact]
    public void An_extension_is_not_part_of_the_e164_number()
    {
        Assert.True(PhoneNormalizer.TryNormalize("727-555-1212 x123", 1, out var phone));

        Assert.Equal("+17275551212", phone.E164);
    }

    [Fact]
    public void The_phone_code_decides_the_country_of_a_national_number()
    {
        Assert.True(PhoneNormalizer.TryNormalize("07911 123456", 44, out var phone));

        Assert.Equal("+447911123456", phone.E164);
        Assert.Equal(44, phone.CountryCode);
        Assert.Equal("7911123456", phone.National);
    }

    [Fact]
    public void A_number_with_its_own_plus_country_code_keeps_it()
    {
        Assert.True(PhoneNormalizer.TryNormalize("+44 7911 123456", 1, out var phone));

        Assert.Equal("+447911123456", phone.E164);
        Assert.Equal(44, phone.CountryCode);
    }
}
