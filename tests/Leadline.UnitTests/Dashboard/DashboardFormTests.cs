using Leadline.ApiHost.Dashboard;
using Microsoft.Extensions.Primitives;

namespace Leadline.UnitTests.Dashboard;

public sealed class DashboardFormTests
{
    [Fact]
    public void Values_keeps_only_the_named_non_blank_fields_trimmed()
    {
        var form = new Dictionary<string, StringValues>
        {
            ["phone_number"] = " (727) 555-0100 ",
            ["status"] = "   ",
            ["auth_token"] = "ll_secret",
            ["first_name"] = "Ann",
        };

        var values = DashboardForm.Values(form, ["phone_number", "status", "first_name"]);

        Assert.Equal(new Dictionary<string, string> { ["phone_number"] = "(727) 555-0100", ["first_name"] = "Ann" }, values);
    }

    [Fact]
    public void PageLink_keeps_every_filter_escaped_and_replaces_the_offset()
    {
        var values = new Dictionary<string, string> { ["created_by"] = "System API User", ["offset"] = "25", ["limit"] = "25" };

        Assert.Equal("?created_by=System%20API%20User&limit=25&offset=50", DashboardForm.PageLink(values, "offset", 50));
    }
}
