using Leadline.Grains.PhoneShards;

namespace Leadline.UnitTests.PhoneShards;

public class PhoneIndexTests
{
    private const string Phone = "+17275551212";

    [Fact]
    public void Find_returns_null_for_an_unknown_phone()
    {
        Assert.Null(new PhoneIndex().Find(Phone));
    }

    [Fact]
    public void AddLead_makes_the_lead_findable_under_its_phone_only()
    {
        var index = new PhoneIndex();
        var lead = new LeadRef(1, 10, 1);

        index.AddLead(Phone, lead);

        Assert.Equal(lead, Assert.Single(index.Find(Phone)!.Leads));
        Assert.Null(index.Find("+17275551213"));
        Assert.Equal(1, index.PhoneCount);
    }

    [Fact]
    public void AddDnc_reports_whether_the_scope_was_new()
    {
        var index = new PhoneIndex();

        Assert.True(index.AddDnc(Phone, 3));
        Assert.False(index.AddDnc(Phone, 3));
        Assert.True(index.AddDnc(Phone, 0));
    }

    [Fact]
    public void RemoveLead_forgets_a_phone_left_with_no_lead_and_no_dnc()
    {
        var index = new PhoneIndex();
        var lead = new LeadRef(1, 10, 1);
        index.AddLead(Phone, lead);

        index.RemoveLead(Phone, lead);

        Assert.Null(index.Find(Phone));
        Assert.Equal(0, index.PhoneCount);
    }

    [Fact]
    public void RemoveLead_keeps_a_phone_that_is_still_on_a_dnc_list()
    {
        var index = new PhoneIndex();
        var lead = new LeadRef(1, 10, 1);
        index.AddLead(Phone, lead);
        index.AddDnc(Phone, 0);

        index.RemoveLead(Phone, lead);

        Assert.Empty(index.Find(Phone)!.Leads);
        Assert.True(index.Find(Phone)!.IsDnc(5));
    }

    [Theory]
    [InlineData(new long[] { 0 }, 7, true)]
    [InlineData(new long[] { 7 }, 7, true)]
    [InlineData(new long[] { 8 }, 7, false)]
    [InlineData(new long[0], 7, false)]
    public void IsDnc_matches_the_account_scope_or_the_same_campaign(long[] scopes, long campaignId, bool expected)
    {
        var entry = new PhoneEntry { DncCampaigns = [.. scopes] };

        Assert.Equal(expected, entry.IsDnc(campaignId));
    }

    [Fact]
    public void IsDnc_is_false_without_any_dnc_scope()
    {
        Assert.False(new PhoneEntry().IsDnc(0));
    }
}
