using Leadline.Grains.PhoneShards;
using static Leadline.UnitTests.Leads.InsertRequestBuilder;

namespace Leadline.UnitTests.Leads;

/// <summary>check_dup, the flags (1/0, true/false, yes/no, y/n, on/off) and the update_if_found search ids.</summary>
public class InsertLeadParserOptionsTests
{
    [Theory]
    [InlineData("0", DupScope.None)]
    [InlineData("1", DupScope.Account)]
    [InlineData("2", DupScope.List)]
    [InlineData("3", DupScope.Campaign)]
    public void Check_dup_0_to_3_maps_to_its_scope(string value, DupScope expected)
    {
        Assert.Equal(expected, Accepted(("check_dup", value)).Dedup.CheckDup);
    }

    [Theory]
    [InlineData("true", DupScope.Account)]
    [InlineData("TRUE", DupScope.Account)]
    [InlineData("yes", DupScope.Account)]
    [InlineData("false", DupScope.None)]
    public void Check_dup_true_is_1_and_false_is_0_as_convoso_documents(string value, DupScope expected)
    {
        Assert.Equal(expected, Accepted(("check_dup", value)).Dedup.CheckDup);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    [InlineData("yes")]
    [InlineData("y")]
    [InlineData("on")]
    public void Flags_in_words_are_on(string value)
    {
        var request = Accepted(("check_dup_archive", value), ("check_dnc", value), ("update_if_found", value), ("hopper", value));

        Assert.True(request.Dedup.CheckDupArchive);
        Assert.True(request.Dedup.CheckDnc);
        Assert.True(request.Dedup.UpdateIfFound);
        Assert.NotNull(request.Hopper);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("no")]
    [InlineData("off")]
    public void Flags_in_words_are_off(string value)
    {
        var request = Accepted(("check_dup_archive", value), ("check_dnc", value), ("update_if_found", value), ("hopper", value));

        Assert.False(request.Dedup.CheckDupArchive);
        Assert.False(request.Dedup.CheckDnc);
        Assert.False(request.Dedup.UpdateIfFound);
        Assert.Null(request.Hopper);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("-1")]
    [InlineData("list")]
    [InlineData("1.0")]
    public void Check_dup_outside_0_to_3_is_6050_naming_check_dup(string value)
    {
        var error = Refused(("check_dup", value));

        Assert.Equal(6050, error.Code);
        Assert.Contains("check_dup", error.Text);
    }

    [Fact]
    public void Flags_set_to_1_are_on()
    {
        var dedup = Accepted(("check_dup_archive", "1"), ("check_dnc", "1"), ("update_if_found", "1")).Dedup;

        Assert.True(dedup.CheckDupArchive);
        Assert.True(dedup.CheckDnc);
        Assert.True(dedup.UpdateIfFound);
    }

    [Fact]
    public void Flags_set_to_0_are_off()
    {
        var dedup = Accepted(("check_dup_archive", "0"), ("check_dnc", "0"), ("update_if_found", "0")).Dedup;

        Assert.False(dedup.CheckDupArchive);
        Assert.False(dedup.CheckDnc);
        Assert.False(dedup.UpdateIfFound);
    }

    public static TheoryData<string, string> BadFlags()
    {
        var data = new TheoryData<string, string>();
        foreach (var flag in new[] { "check_dup_archive", "check_dnc", "update_if_found", "hopper" })
            foreach (var value in new[] { "2", "-1", "maybe", "tru", "1.0" })
                data.Add(flag, value);
        return data;
    }

    [Theory]
    [MemberData(nameof(BadFlags))]
    public void A_value_that_is_no_flag_is_6050_naming_the_flag(string flag, string value)
    {
        var error = Refused((flag, value));

        Assert.Equal(6050, error.Code);
        Assert.Contains(flag, error.Text);
    }

    [Fact]
    public void Search_ids_are_read()
    {
        var dedup = Accepted(("update_if_found", "1"), ("search_list_id", "11"), ("search_campaign_id", "3")).Dedup;

        Assert.Equal(11, dedup.SearchListId);
        Assert.Equal(3, dedup.SearchCampaignId);
    }

    [Fact]
    public void A_non_numeric_search_list_id_is_6002()
    {
        Assert.Equal(6002, Refused(("search_list_id", "abc")).Code);
    }

    [Fact]
    public void A_non_numeric_search_campaign_id_is_6005()
    {
        Assert.Equal(6005, Refused(("search_campaign_id", "abc")).Code);
    }
}
