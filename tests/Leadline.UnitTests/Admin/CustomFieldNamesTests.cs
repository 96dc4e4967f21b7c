using Leadline.ApiHost.Admin.CustomFields;

namespace Leadline.UnitTests.Admin;

public class CustomFieldNamesTests
{
    [Theory]
    [InlineData("policy_no")]
    [InlineData("x")]
    [InlineData("utm_source2")]
    [InlineData("a_")]
    public void Lowercase_identifiers_that_clash_with_nothing_are_allowed(string name) =>
        Assert.Null(CustomFieldNames.Check(name));

    [Fact]
    public void Sixty_four_characters_is_the_longest_name() =>
        Assert.Equal((null, "at most 64 characters"), (CustomFieldNames.Check(new string('a', 64)), CustomFieldNames.Check(new string('a', 65))));

    [Theory]
    [InlineData("", "lowercase identifier")]
    [InlineData("Policy", "lowercase identifier")]
    [InlineData("1policy", "lowercase identifier")]
    [InlineData("_policy", "lowercase identifier")]
    [InlineData("policy-no", "lowercase identifier")]
    [InlineData("policy no", "lowercase identifier")]
    [InlineData("pólicy", "lowercase identifier")]
    [InlineData("first_name", "standard lead field")]
    [InlineData("email", "standard lead field")]
    [InlineData("created_by", "standard lead field")]
    [InlineData("phone_number", "reserved")]
    [InlineData("auth_token", "reserved")]
    [InlineData("hopper_priority", "reserved")]
    [InlineData("check_dup", "reserved")]
    [InlineData("lead_id", "reserved")]
    [InlineData("campaign_id", "reserved")]
    [InlineData("custom_fields", "reserved")]
    public void Names_that_are_no_identifier_or_clash_are_refused(string name, string reason) =>
        Assert.Contains(reason, CustomFieldNames.Check(name));
}
