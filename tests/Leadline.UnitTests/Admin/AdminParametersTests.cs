using Leadline.ApiHost.Admin;
using Leadline.ApiHost.Admin.Campaigns;
using Leadline.ApiHost.Admin.CustomFields;
using Leadline.ApiHost.Admin.Lists;
using Leadline.ApiHost.Admin.Tokens;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.V1;

namespace Leadline.UnitTests.Admin;

/// <summary>The admin families' parameter readers and contracts.</summary>
public class AdminParametersTests
{
    private static Dictionary<string, string> Values(string name, string value) => new() { [name] = value };

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("Y", true)]
    [InlineData("n", false)]
    [InlineData("yes", true)]
    [InlineData("off", false)]
    [InlineData("active", true)]
    [InlineData("ACTIVE", true)]
    [InlineData("inactive", false)]
    [InlineData(" Inactive ", false)]
    public void A_status_is_any_flag_word_or_active_inactive(string text, bool active)
    {
        Assert.True(AdminParameters.TryStatus(Values("status", text), "status", out var parsed, out var error));

        Assert.Null(error);
        Assert.Equal(active, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_status_is_absent(string text)
    {
        Assert.True(AdminParameters.TryStatus(Values("status", text), "status", out var parsed, out var error));

        Assert.Null(error);
        Assert.Null(parsed);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("paused")]
    [InlineData("enabled")]
    [InlineData("-1")]
    public void Any_other_status_is_6050_naming_the_parameter_and_the_words(string text)
    {
        Assert.False(AdminParameters.TryStatus(Values("status", text), "status", out _, out var error));

        Assert.Equal(6050, error!.Code);
        Assert.Contains("status", error.Text);
        Assert.Contains("true/false", error.Text);
        Assert.Contains("active/inactive", error.Text);
    }

    [Fact]
    public void Statuses_are_answered_Y_and_N() =>
        Assert.Equal(("Y", "N"), (AdminParameters.YesNo(true), AdminParameters.YesNo(false)));

    [Theory]
    [InlineData("two\nlines")]
    [InlineData("tab\tand\r\nCRLF")]
    public void A_text_that_keeps_line_breaks_takes_them(string text)
    {
        Assert.True(AdminParameters.TryText(Values("description", text), "description", 255, false, out var parsed, out var error, lineBreaks: true));

        Assert.Null(error);
        Assert.Equal(text, parsed);
    }

    [Theory]
    [InlineData("two\nlines", false)]
    [InlineData("bell\u0007", true)]
    [InlineData("nul\0", true)]
    [InlineData("escape\u001b", true)]
    public void Control_characters_are_refused_line_breaks_where_a_text_may_not_have_them(string text, bool lineBreaks)
    {
        Assert.False(AdminParameters.TryText(Values("name", text), "name", 255, false, out _, out var error, lineBreaks));

        Assert.Equal(6050, error!.Code);
        Assert.Contains("control character", error.Text);
    }

    [Fact]
    public void A_text_over_its_length_is_refused_and_a_missing_required_one_too()
    {
        Assert.False(AdminParameters.TryText(Values("description", new string('d', 256)), "description", 255, false, out _, out var tooLong));
        Assert.False(AdminParameters.TryText(new Dictionary<string, string>(), "name", 255, true, out _, out var missing));

        Assert.Contains("at most 255", tooLong!.Text);
        Assert.Equal("name is required", missing!.Text);
    }

    [Fact]
    public void Paging_defaults_to_the_given_limit()
    {
        Assert.True(AdminParameters.TryPage(new Dictionary<string, string>(), out var convoso, out _, AdminParameters.MaxLimit));
        Assert.True(AdminParameters.TryPage(new Dictionary<string, string>(), out var leadline, out _));

        Assert.Equal(new Page(0, 1000), convoso);
        Assert.Equal(new Page(0, 100), leadline);
    }

    public static TheoryData<string, ApiEndpoint> Contracts => new()
    {
        { "lists/insert", ListEndpoints.InsertContract },
        { "lists/update", ListEndpoints.UpdateContract },
        { "lists/delete", ListEndpoints.DeleteContract },
        { "lists/unarchive", ListEndpoints.UnarchiveContract },
        { "lists/search", ListEndpoints.SearchContract },
        { "campaigns/create", CampaignEndpoints.CreateContract },
        { "campaigns/update", CampaignEndpoints.UpdateContract },
        { "campaigns/status", CampaignEndpoints.StatusContract },
        { "campaigns/search", CampaignEndpoints.SearchContract },
        { "custom-fields/create", CustomFieldEndpoints.CreateContract },
        { "custom-fields/search", CustomFieldEndpoints.SearchContract },
        { "custom-fields/delete", CustomFieldEndpoints.DeleteContract },
        { "tokens/create", TokenEndpoints.CreateContract },
        { "tokens/search", TokenEndpoints.SearchContract },
        { "tokens/revoke", TokenEndpoints.RevokeContract },
    };

    [Theory]
    [MemberData(nameof(Contracts))]
    public void Every_admin_endpoint_needs_the_admin_scope_speaks_Convosos_dialect_and_documents_an_answer(string path, ApiEndpoint contract)
    {
        Assert.Equal(ApiScopes.Admin, contract.Scope);
        Assert.Equal(ApiDialect.Convoso, contract.Dialect);
        Assert.False(string.IsNullOrWhiteSpace(contract.ExampleAnswer), path);
        Assert.All(contract.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{path} {p.Name}"));
        Assert.Equal(contract.Parameters.Count, contract.Parameters.Select(p => p.Name).Distinct().Count());
    }

    [Fact]
    public void Leadlines_older_list_names_are_aliases_of_Convosos()
    {
        Assert.Equal(["lists/create"], ListEndpoints.InsertContract.Aliases);
        Assert.Equal(["lists/archive"], ListEndpoints.DeleteContract.Aliases);
    }

    [Fact]
    public void Every_status_parameter_is_a_flag_and_campaigns_status_requires_it()
    {
        Assert.All(Contracts.Select(c => (ApiEndpoint)c[1]).SelectMany(c => c.Parameters).Where(p => p.Name == "status"),
            p => Assert.Equal(ApiParameterType.Flag, p.Type));
        Assert.True(CampaignEndpoints.StatusContract.Parameters.Single(p => p.Name == "status").Required);
    }
}
