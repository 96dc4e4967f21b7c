using Leadline.Grains.PhoneShards;
using static Leadline.UnitTests.PhoneShards.DedupScenario;

namespace Leadline.UnitTests.PhoneShards;

/// <summary>
/// update_if_found looks in search_list_id, else search_campaign_id, else the check_dup scope, else the
/// whole account; it is decided before check_dup.
/// </summary>
public class DedupPolicyUpdateIfFoundTests
{
    private static void AssertUpdates(long expectedLead, DedupDecision decision)
    {
        Assert.Equal(DedupVerdict.UpdateExisting, decision.Verdict);
        Assert.Equal(expectedLead, decision.Match?.LeadId);
    }

    [Theory]
    [InlineData(TargetList, TargetListLead)]
    [InlineData(SameCampaignOtherList, SameCampaignLead)]
    [InlineData(OtherCampaignList, OtherCampaignLead)]
    public void Search_list_id_updates_the_lead_in_that_list(long searchListId, long expectedLead)
    {
        var decision = Decide(PhoneWithLeads(), Options(updateIfFound: true, searchListId: searchListId));

        AssertUpdates(expectedLead, decision);
    }

    [Fact]
    public void Search_list_id_overrides_the_check_dup_scope()
    {
        // check_dup=2 alone would report 404 (target list) as a duplicate.
        var decision = Decide(PhoneWithLeads(), Options(DupScope.List, updateIfFound: true, searchListId: SameCampaignOtherList));

        AssertUpdates(SameCampaignLead, decision);
    }

    [Fact]
    public void Search_list_id_wins_over_search_campaign_id()
    {
        var decision = Decide(PhoneWithLeads(), Options(updateIfFound: true, searchListId: TargetList, searchCampaignId: OtherCampaign));

        AssertUpdates(TargetListLead, decision);
    }

    [Fact]
    public void Search_campaign_id_updates_the_lead_in_that_campaign()
    {
        var decision = Decide(PhoneWithLeads(), Options(DupScope.List, updateIfFound: true, searchCampaignId: OtherCampaign));

        AssertUpdates(OtherCampaignLead, decision);
    }

    [Theory]
    [InlineData(false, SameCampaignLead)]
    [InlineData(true, ArchivedLead)]
    public void Search_campaign_id_counts_archived_leads_only_with_check_dup_archive(bool archive, long expectedLead)
    {
        var decision = Decide(PhoneWithLeads(), Options(archive: archive, updateIfFound: true, searchCampaignId: TargetCampaign));

        AssertUpdates(expectedLead, decision);
    }

    [Theory]
    [InlineData(DupScope.Account, OtherCampaignLead)]   // every lead; 101 is archived, so 202 is the earliest
    [InlineData(DupScope.List, TargetListLead)]         // only the target list
    [InlineData(DupScope.Campaign, SameCampaignLead)]   // the target campaign; 101 is archived
    public void Without_search_ids_the_check_dup_scope_is_searched(DupScope checkDup, long expectedLead)
    {
        var decision = Decide(PhoneWithLeads(), Options(checkDup, updateIfFound: true));

        AssertUpdates(expectedLead, decision);
    }

    [Theory]
    [InlineData(false, OtherCampaignLead)]
    [InlineData(true, ArchivedLead)]
    public void Without_search_ids_and_check_dup_0_the_whole_account_is_searched(bool archive, long expectedLead)
    {
        var decision = Decide(PhoneWithLeads(), Options(DupScope.None, archive: archive, updateIfFound: true));

        AssertUpdates(expectedLead, decision);
    }

    [Fact]
    public void Archived_search_list_is_not_found_without_check_dup_archive()
    {
        var decision = Decide(PhoneWithLeads(), Options(updateIfFound: true, searchListId: ArchivedList));

        Assert.Equal(DedupVerdict.Insert, decision.Verdict);
        Assert.Null(decision.Match);
    }

    [Fact]
    public void Archived_search_list_is_found_with_check_dup_archive()
    {
        var decision = Decide(PhoneWithLeads(), Options(archive: true, updateIfFound: true, searchListId: ArchivedList));

        AssertUpdates(ArchivedLead, decision);
    }

    [Fact]
    public void Not_found_with_check_dup_0_inserts()
    {
        var decision = Decide(PhoneWithLeads(), Options(DupScope.None, updateIfFound: true, searchListId: 99));

        Assert.Equal(DedupVerdict.Insert, decision.Verdict);
        Assert.Null(decision.Match);
    }

    [Theory]
    [InlineData(DupScope.Account, OtherCampaignLead)]
    [InlineData(DupScope.List, TargetListLead)]
    [InlineData(DupScope.Campaign, SameCampaignLead)]
    public void Not_found_in_the_search_scope_then_check_dup_still_refuses_a_duplicate(DupScope checkDup, long expectedLead)
    {
        var decision = Decide(PhoneWithLeads(), Options(checkDup, updateIfFound: true, searchListId: 99));

        Assert.Equal(DedupVerdict.Duplicate, decision.Verdict);
        Assert.Equal(expectedLead, decision.Match?.LeadId);
    }

    [Fact]
    public void Not_found_in_a_search_campaign_then_check_dup_still_refuses_a_duplicate()
    {
        var decision = Decide(PhoneWithLeads(), Options(DupScope.List, updateIfFound: true, searchCampaignId: 99));

        Assert.Equal(DedupVerdict.Duplicate, decision.Verdict);
        Assert.Equal(TargetListLead, decision.Match?.LeadId);
    }

    [Fact]
    public void Search_ids_are_ignored_without_update_if_found()
    {
        var decision = Decide(PhoneWithLeads(), Options(DupScope.None, updateIfFound: false, searchListId: TargetList, searchCampaignId: TargetCampaign));

        Assert.Equal(DedupVerdict.Insert, decision.Verdict);
        Assert.Null(decision.Match);
    }

    [Fact]
    public void Update_if_found_on_an_unknown_phone_inserts()
    {
        var decision = Decide(null, Options(DupScope.Account, updateIfFound: true));

        Assert.Equal(DedupVerdict.Insert, decision.Verdict);
    }
}
