using Leadline.Grains.Dialing;
using static Leadline.UnitTests.Dialing.DialTestData;

namespace Leadline.UnitTests.Dialing;

/// <summary>Where a lead is: its state, else its ZIP, else its number; canonical keys.</summary>
public class DialRegionsTests
{
    private const string FloridaStateKey = "US-FL|America/Chicago,America/New_York";
    private const string TexasStateKey = "US-TX|America/Chicago,America/Denver";
    private static readonly string AtlantaPhone = "+14045550100";

    [Theory]
    [InlineData("FL")]
    [InlineData("fl")]
    [InlineData("Florida")]
    [InlineData("FLORIDA")]
    [InlineData(" florida ")]
    public void A_US_state_by_code_or_name_gives_the_state_with_all_its_zones(string state) =>
        Assert.Equal(FloridaStateKey, DialRegions.Resolve(Phone(AtlantaPhone), state, postalCode: "30301"));

    [Theory]
    [InlineData("33701")]
    [InlineData("33701-1234")]
    [InlineData("337011234")]
    [InlineData(" 33701 ")]
    public void Without_a_state_the_ZIP_gives_the_state(string zip) =>
        Assert.Equal(FloridaStateKey, DialRegions.Resolve(Phone(AtlantaPhone), state: null, zip));

    [Fact]
    public void A_state_that_is_not_one_falls_back_to_the_ZIP()
    {
        Assert.Equal(TexasStateKey, DialRegions.Resolve(Phone(AtlantaPhone), "Atlantis", "75201"));
        Assert.Equal(TexasStateKey, DialRegions.Resolve(Phone(AtlantaPhone), "", "75201"));
    }

    [Theory]
    [InlineData("00901")] // San Juan, PR: a territory, no state
    [InlineData("3370")]
    [InlineData("ABCDE")]
    [InlineData("33701-12")]
    public void A_ZIP_without_a_state_falls_back_to_the_phone(string zip) =>
        Assert.Equal(Georgia, DialRegions.Resolve(Phone(AtlantaPhone), null, zip));

    [Fact]
    public void From_the_phone_alone_a_Florida_number_gives_Florida_and_the_numbers_zone()
    {
        Assert.Equal(FloridaByPhone, DialRegions.Resolve(Phone("+17275551212"), null, null));
    }

    [Fact]
    public void A_number_whose_area_spans_zones_keeps_them_all_with_county_zones_merged()
    {
        // libphonenumber: America/Boise & America/Los_Angeles; Boise keeps Denver's rules.
        var idaho = DialRegions.Resolve(Phone("+12085550100"), null, null);

        Assert.Equal("US-ID|America/Denver,America/Los_Angeles", idaho);
        Assert.Same(DialRegions.Resolve(Phone(AtlantaPhone), "ID", null), idaho);
    }

    [Fact]
    public void A_non_US_number_gives_its_country_and_zone_and_ignores_a_US_state_or_ZIP()
    {
        Assert.Equal("GB|Europe/London", DialRegions.Resolve(Phone("+442079460000", 44), null, null));
        Assert.Equal("GB|Europe/London", DialRegions.Resolve(Phone("+442079460000", 44), "FL", "33701"));
    }

    [Fact]
    public void A_Canadian_number_gives_Canada_and_its_zone()
    {
        Assert.Equal("CA|America/Toronto", DialRegions.Resolve(Phone("+14165550100"), null, null));
    }

    [Fact]
    public void A_number_that_says_nothing_about_where_its_owner_is_is_unknown()
    {
        Assert.Null(DialRegions.Resolve(Phone("+18005550100"), null, null)); // toll-free: every NANP zone
        Assert.Null(DialRegions.Resolve(Phone("+80012345678", 800), null, null)); // international freephone: Etc/Unknown
    }

    [Fact]
    public void An_invalid_number_does_not_leave_its_prefix_unknown_for_the_valid_ones()
    {
        // +1 941-555-1 is too short to be valid; +1 941-555-1212 shares its six-digit prefix (used by no other test).
        var invalid = new Leadline.Grains.Leads.NormalizedPhone("+19415551", 1, "9415551");

        Assert.Null(DialRegions.Resolve(invalid, null, null));
        Assert.Equal(FloridaByPhone, DialRegions.Resolve(Phone("+19415551212"), null, null));
    }

    [Fact]
    public void Two_leads_of_one_state_get_the_identical_string()
    {
        var first = DialRegions.Resolve(Phone(AtlantaPhone), "tx", null);
        var second = DialRegions.Resolve(Phone("+12125550100"), null, "75201");
        var third = DialRegions.Resolve(Phone("+13055550100"), "Texas", "10001");

        Assert.Equal(TexasStateKey, first);
        Assert.Same(first, second);
        Assert.Same(first, third);
    }

    [Fact]
    public void Two_numbers_of_one_area_get_the_identical_string()
    {
        var first = DialRegions.Resolve(Phone("+17275551212"), null, null);
        var second = DialRegions.Resolve(Phone("+17275559876"), null, null);
        var otherExchange = DialRegions.Resolve(Phone("+13055550100"), null, null);

        Assert.Same(first, second);
        Assert.Same(first, otherExchange);
    }

    [Fact]
    public void Describe_takes_a_key_apart()
    {
        var florida = DialRegions.Describe(FloridaStateKey);
        var britain = DialRegions.Describe("GB|Europe/London");

        Assert.Equal("US", florida.Country);
        Assert.Equal("FL", florida.State);
        Assert.Equal(["America/Chicago", "America/New_York"], florida.Zones);
        Assert.False(florida.IsUnknown);
        Assert.Equal("GB", britain.Country);
        Assert.Null(britain.State);
        Assert.Equal(["Europe/London"], britain.Zones);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("US-FL|")]
    [InlineData("|America/New_York")]
    [InlineData("US-|America/New_York")]
    [InlineData("US|America/New_York,,Europe/London")]
    public void Describe_gives_unknown_for_what_is_not_a_key(string? text) =>
        Assert.True(DialRegions.Describe(text).IsUnknown);

    [Fact]
    public void Canonical_returns_the_shared_instance_of_a_key_read_back_from_storage()
    {
        var resolved = DialRegions.Resolve(Phone(AtlantaPhone), "FL", null);
        var readBack = new string(FloridaStateKey.AsSpan());

        Assert.NotSame(resolved, readBack);
        Assert.Same(resolved, DialRegions.Canonical(readBack));
        Assert.Null(DialRegions.Canonical(null));
        Assert.Equal("garbage", DialRegions.Canonical("garbage"));
    }

    [Fact]
    public void Every_state_key_is_what_Describe_and_the_state_table_say()
    {
        foreach (var code in UsStates.Codes)
        {
            var region = DialRegions.Resolve(Phone(AtlantaPhone), code, null);
            var described = DialRegions.Describe(region);

            Assert.Equal("US", described.Country);
            Assert.Equal(code, described.State);
            Assert.All(described.Zones, zone => Assert.True(CallingHours.IsKnownZone(zone), zone));
            Assert.Equal(described.Zones.Order(StringComparer.Ordinal), described.Zones);
        }
    }
}
