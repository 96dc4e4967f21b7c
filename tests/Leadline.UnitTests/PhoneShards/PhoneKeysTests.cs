using Leadline.Grains.PhoneShards;

namespace Leadline.UnitTests.PhoneShards;

public class PhoneKeysTests
{
    [Theory]
    [InlineData("+17275551212", 17275551212)]
    [InlineData("+442071838750", 442071838750)]
    [InlineData("+1", 1)]
    [InlineData("+999999999999999999", 999_999_999_999_999_999)] // 18 digits: the most that is packed
    public void An_e164_number_packs_to_its_digits(string e164, long expected)
    {
        Assert.True(PhoneKeys.TryPack(e164, out var key));
        Assert.Equal(expected, key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("17275551212")]        // no "+"
    [InlineData("+07275551212")]       // a leading 0 would collide with the number without it
    [InlineData("+1727555121a")]
    [InlineData("+1 727 555 1212")]
    [InlineData("+1234567890123456789")] // 19 digits: more than a long holds safely
    public void Anything_else_does_not_pack(string phone)
    {
        Assert.False(PhoneKeys.TryPack(phone, out _));
    }

    [Fact]
    public void A_number_that_does_not_pack_gets_a_negative_key_of_its_own_kept_for_next_time()
    {
        var keys = new PhoneKeys();

        Assert.False(keys.TryFind("17275551212", out _));
        var first = keys.KeyOf("17275551212");
        var second = keys.KeyOf("+07275551212");

        Assert.True(first < 0 && second < 0 && first != second);
        Assert.Equal(first, keys.KeyOf("17275551212"));
        Assert.True(keys.TryFind("17275551212", out var found));
        Assert.Equal(first, found);
    }

    [Fact]
    public void A_packed_number_is_found_without_being_seen_before()
    {
        var keys = new PhoneKeys();

        Assert.True(keys.TryFind("+17275551212", out var key));
        Assert.Equal(keys.KeyOf("+17275551212"), key);
    }
}
