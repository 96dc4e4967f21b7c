using Leadline.Grains.PhoneShards;
using static Leadline.UnitTests.PhoneShards.DedupScenario;

namespace Leadline.UnitTests.PhoneShards;

/// <summary>check_dnc: an account-wide (campaign 0) or target-campaign DNC entry refuses the lead, before anything else.</summary>
public class DedupPolicyDncTests
{
    private static PhoneEntry DncOnly(params long[] campaigns) => new() { DncCampaigns = [.. campaigns] };

    [Fact]
    public void Account_wide_dnc_refuses_an_insert_into_the_target_campaign()
    {
        var decision = Decide(DncOnly(0), Options(dnc: true));

        Assert.Equal(DedupVerdict.DoNotCall, decision.Verdict);
        Assert.Null(decision.Match);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(77)]
    public void Account_wide_dnc_refuses_an_insert_into_any_campaign(long campaignId)
    {
        var decision = DedupPolicy.Decide(DncOnly(0), TargetList, campaignId, Options(dnc: true), IsArchived);

        Assert.Equal(DedupVerdict.DoNotCall, decision.Verdict);
    }

    [Fact]
    public void Target_campaign_dnc_refuses_the_insert()
    {
        var decision = Decide(DncOnly(TargetCampaign), Options(dnc: true));

        Assert.Equal(DedupVerdict.DoNotCall, decision.Verdict);
    }

    [Fact]
    public void Another_campaigns_dnc_does_not_refuse_the_insert()
    {
        var decision = Decide(DncOnly(OtherCampaign), Options(dnc: true));

        Assert.Equal(DedupVerdict.Insert, decision.Verdict);
    }

    [Fact]
    public void Another_campaigns_dnc_leaves_the_duplicate_check_in_charge()
    {
        var decision = Decide(PhoneWithLeads(dncCampaigns: OtherCampaign), Options(DupScope.List, dnc: true));

        Assert.Equal(DedupVerdict.Duplicate, decision.Verdict);
        Assert.Equal(TargetListLead, decision.Match?.LeadId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(TargetCampaign)]
    public void Dnc_entries_are_ignored_when_check_dnc_is_0(long dncCampaign)
    {
        var decision = Decide(DncOnly(dncCampaign), Options(dnc: false));

        Assert.Equal(DedupVerdict.Insert, decision.Verdict);
    }

    [Fact]
    public void Dnc_wins_over_update_if_found()
    {
        var decision = Decide(PhoneWithLeads(dncCampaigns: 0), Options(DupScope.Account, dnc: true, updateIfFound: true));

        Assert.Equal(DedupVerdict.DoNotCall, decision.Verdict);
        Assert.Null(decision.Match);
    }

    [Fact]
    public void Check_dnc_without_any_dnc_entry_falls_through_to_the_duplicate_check()
    {
        var decision = Decide(PhoneWithLeads(), Options(DupScope.Campaign, dnc: true));

        Assert.Equal(DedupVerdict.Duplicate, decision.Verdict);
        Assert.Equal(SameCampaignLead, decision.Match?.LeadId);
    }

    [Fact]
    public void An_unknown_phone_is_inserted_even_with_every_check_on()
    {
        var decision = Decide(null, Options(DupScope.Account, archive: true, dnc: true, updateIfFound: true));

        Assert.Equal(DedupVerdict.Insert, decision.Verdict);
        Assert.Null(decision.Match);
    }
}
