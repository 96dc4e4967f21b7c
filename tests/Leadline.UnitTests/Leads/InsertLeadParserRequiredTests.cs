using static Leadline.UnitTests.Leads.InsertRequestBuilder;

namespace Leadline.UnitTests.Leads;

/// <summary>list_id and phone_number: required (6007), list_id numeric (6002).</summary>
public class InsertLeadParserRequiredTests
{
    [Fact]
    public void A_minimal_request_is_accepted_with_defaults()
    {
        var request = Accepted();

        Assert.Equal(10, request.ListId);
        Assert.Equal("+17275551212", request.Phone.E164);
        Assert.Equal(Grains.PhoneShards.DupScope.None, request.Dedup.CheckDup);
        Assert.False(request.Dedup.CheckDupArchive);
        Assert.False(request.Dedup.CheckDnc);
        Assert.False(request.Dedup.UpdateIfFound);
        Assert.Null(request.Dedup.SearchListId);
        Assert.Null(request.Dedup.SearchCampaignId);
        Assert.Null(request.Hopper);
        Assert.Empty(request.Fields.Standard);
        Assert.Empty(request.Fields.Custom);
        Assert.Empty(request.Ignored);
    }

    [Theory]
    [InlineData("list_id", null)]
    [InlineData("list_id", "")]
    [InlineData("list_id", "   ")]
    [InlineData("phone_number", null)]
    [InlineData("phone_number", "")]
    [InlineData("phone_number", "  ")]
    public void Missing_list_id_or_phone_number_is_6007(string name, string? value)
    {
        Assert.Equal(6007, Refused((name, value)).Code);
    }

    [Fact]
    public void Missing_both_is_6007()
    {
        Assert.Equal(6007, Refused(("list_id", null), ("phone_number", null)).Code);
    }

    [Fact]
    public void Missing_phone_number_is_6007_even_when_list_id_is_not_numeric()
    {
        Assert.Equal(6007, Refused(("list_id", "abc"), ("phone_number", null)).Code);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12abc")]
    [InlineData("1.5")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("99999999999999999999")]
    public void A_list_id_that_is_not_a_positive_number_is_6002(string listId)
    {
        Assert.Equal(6002, Refused(("list_id", listId)).Code);
    }

    [Fact]
    public void List_id_is_trimmed()
    {
        Assert.Equal(42, Accepted(("list_id", " 42 ")).ListId);
    }

    [Fact]
    public void Auth_token_is_neither_a_field_nor_ignored()
    {
        var request = Accepted();

        Assert.DoesNotContain("auth_token", request.Ignored);
        Assert.False(request.Fields.Standard.ContainsKey("auth_token"));
        Assert.False(request.Fields.Custom.ContainsKey("auth_token"));
    }
}
