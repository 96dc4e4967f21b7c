using Leadline.ApiHost.Admin.Tokens;

namespace Leadline.UnitTests.Admin;

public class TokenScopesTests
{
    [Theory]
    [InlineData("leads", new[] { "leads" })]
    [InlineData("admin,leads", new[] { "leads", "admin" })]
    [InlineData(" hopper , dnc,hopper ", new[] { "dnc", "hopper" })]
    [InlineData("leads,,dnc", new[] { "leads", "dnc" })]
    [InlineData("leads,dnc,hopper,admin", new[] { "leads", "dnc", "hopper", "admin" })]
    public void Known_scopes_come_back_in_canonical_order_without_repeats(string text, string[] expected)
    {
        var (scopes, why) = TokenScopes.Parse(text);

        Assert.Null(why);
        Assert.Equal(expected, scopes);
    }

    [Theory]
    [InlineData("", "at least one")]
    [InlineData(" , ,", "at least one")]
    [InlineData("leads,root", "unknown scope root")]
    [InlineData("LEADS", "unknown scope LEADS")]
    [InlineData("leads;dnc", "unknown scope leads;dnc")]
    public void Anything_else_is_refused_with_the_reason(string text, string reason)
    {
        var (scopes, why) = TokenScopes.Parse(text);

        Assert.Null(scopes);
        Assert.Contains(reason, why);
    }
}
