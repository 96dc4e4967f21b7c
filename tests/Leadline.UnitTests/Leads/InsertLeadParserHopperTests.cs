using static Leadline.UnitTests.Leads.InsertRequestBuilder;

namespace Leadline.UnitTests.Leads;

public class InsertLeadParserHopperTests
{
    [Fact]
    public void Hopper_1_defaults_to_priority_99_and_no_expiry()
    {
        var hopper = Accepted(("hopper", "1")).Hopper;

        Assert.NotNull(hopper);
        Assert.Equal(99, hopper.Priority);
        Assert.Null(hopper.ExpiresInMinutes);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("50", 50)]
    [InlineData("99", 99)]
    public void Hopper_priority_0_to_99_is_kept(string value, int expected)
    {
        Assert.Equal(expected, Accepted(("hopper", "1"), ("hopper_priority", value)).Hopper?.Priority);
    }

    [Theory]
    [InlineData("100")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("9.5")]
    public void Hopper_priority_outside_0_to_99_is_6050_naming_it(string value)
    {
        var error = Refused(("hopper", "1"), ("hopper_priority", value));

        Assert.Equal(6050, error.Code);
        Assert.Contains("hopper_priority", error.Text);
    }

    [Fact]
    public void Hopper_0_makes_no_hopper_request()
    {
        Assert.Null(Accepted(("hopper", "0"), ("hopper_priority", "50"), ("hopper_expires_in", "30")).Hopper);
    }

    [Fact]
    public void No_hopper_parameter_makes_no_hopper_request()
    {
        Assert.Null(Accepted(("hopper_priority", "50")).Hopper);
    }

    [Fact]
    public void Hopper_options_are_validated_even_with_hopper_0()
    {
        Assert.Equal(6050, Refused(("hopper", "0"), ("hopper_priority", "100")).Code);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("300", 300)]
    [InlineData("45", 45)]
    public void Hopper_expires_in_1_to_300_minutes_is_kept(string value, int expected)
    {
        Assert.Equal(expected, Accepted(("hopper", "1"), ("hopper_expires_in", value)).Hopper?.ExpiresInMinutes);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    [InlineData("-5")]
    [InlineData("soon")]
    public void Hopper_expires_in_outside_1_to_300_is_6050_naming_it(string value)
    {
        var error = Refused(("hopper", "1"), ("hopper_expires_in", value));

        Assert.Equal(6050, error.Code);
        Assert.Contains("hopper_expires_in", error.Text);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("300", 300)]
    public void The_older_spelling_hopper_expire_in_is_accepted(string value, int expected)
    {
        var request = Accepted(("hopper", "1"), ("hopper_expire_in", value));

        Assert.Equal(expected, request.Hopper?.ExpiresInMinutes);
        Assert.DoesNotContain("hopper_expire_in", request.Ignored);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    public void The_older_spelling_is_range_checked_too_and_named_as_sent(string value)
    {
        var error = Refused(("hopper", "1"), ("hopper_expire_in", value));

        Assert.Equal(6050, error.Code);
        Assert.Contains("hopper_expire_in", error.Text);
    }
}
