using Leadline.ApiHost.Convoso;

namespace Leadline.UnitTests.Convoso;

public class ApiFlagsTests
{
    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("True")]
    [InlineData("yes")]
    [InlineData("Y")]
    [InlineData("on")]
    [InlineData(" true ")]
    public void Yes_words_are_true(string text)
    {
        Assert.True(ApiFlags.TryParse(text, out var flag));
        Assert.True(flag);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData("False")]
    [InlineData("no")]
    [InlineData("n")]
    [InlineData("OFF")]
    public void No_words_are_false(string text)
    {
        Assert.True(ApiFlags.TryParse(text, out var flag));
        Assert.False(flag);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("tru")]
    [InlineData("yess")]
    [InlineData("")]
    [InlineData("1.0")]
    public void Other_text_is_no_flag(string text)
    {
        Assert.False(ApiFlags.TryParse(text, out _));
    }

    [Theory]
    [InlineData("true", "1")]
    [InlineData("FALSE", "0")]
    [InlineData("yes", "1")]
    [InlineData("1", "1")]
    [InlineData("3", "3")]
    [InlineData("0", "0")]
    [InlineData("abc", "abc")]
    public void A_number_parameter_reads_true_as_1_and_false_as_0(string text, string number)
    {
        Assert.Equal(number, ApiFlags.AsNumber(text));
    }

    [Fact]
    public void Every_flag_reader_refuses_a_non_flag_with_6050_naming_the_parameter()
    {
        var values = new Dictionary<string, string> { ["hopper"] = "maybe" };

        Assert.False(ApiParameters.TryFlag(values, "hopper", false, out _, out var error));
        Assert.Equal(6050, error!.Code);
        Assert.Contains("hopper", error.Text);
    }

    [Fact]
    public void An_absent_flag_is_its_fallback()
    {
        Assert.True(ApiParameters.TryFlag(new Dictionary<string, string>(), "hopper", true, out var flag, out _));
        Assert.True(flag);
        Assert.True(ApiParameters.TryOptionalFlag(new Dictionary<string, string> { ["x"] = " " }, "x", out var optional, out _));
        Assert.Null(optional);
    }
}
