using Leadline.Grains.PhoneShards;
using static Leadline.UnitTests.PhoneShards.DedupScenario;

namespace Leadline.UnitTests.PhoneShards;

/// <summary>
/// When several leads match, the earliest created is the one reported or updated; among leads created
/// at the same instant (or loaded without a time), the lowest lead_id.
/// </summary>
public class DedupPolicyEarliestLeadTests
{
    /// <summary>Three leads of the target list, added in the order 500, 150, 300.</summary>
    private static PhoneEntry ThreeInTargetList()
    {
        var entry = new PhoneEntry();
        foreach (var id in new long[] { 500, 150, 300 })
            entry.Leads.Add(new LeadRef(id, TargetList, TargetCampaign));
        return entry;
    }

    [Theory]
    [InlineData(DupScope.Account)]
    [InlineData(DupScope.List)]
    [InlineData(DupScope.Campaign)]
    public void Duplicate_reports_the_lowest_lead_id_not_the_first_added(DupScope checkDup)
    {
        var decision = Decide(ThreeInTargetList(), Options(checkDup));

        Assert.Equal(DedupVerdict.Duplicate, decision.Verdict);
        Assert.Equal(150, decision.Match?.LeadId);
    }

    [Fact]
    public void Update_if_found_updates_the_lowest_lead_id()
    {
        var decision = Decide(ThreeInTargetList(), Options(updateIfFound: true, searchListId: TargetList));

        Assert.Equal(DedupVerdict.UpdateExisting, decision.Verdict);
        Assert.Equal(150, decision.Match?.LeadId);
    }

    [Fact]
    public void Creation_time_beats_lead_id_because_silos_reserve_ids_in_blocks()
    {
        // Silo B reserved 501–1000 and created 501 first; silo A later created 37 from its block.
        var t0 = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
        var entry = new PhoneEntry();
        entry.Leads.Add(new LeadRef(37, TargetList, TargetCampaign, createdAt: t0.AddSeconds(5)));
        entry.Leads.Add(new LeadRef(501, TargetList, TargetCampaign, createdAt: t0));

        var duplicate = Decide(entry, Options(DupScope.List));
        var update = Decide(entry, Options(updateIfFound: true));

        Assert.Equal(501, duplicate.Match?.LeadId);
        Assert.Equal(501, update.Match?.LeadId);
    }

    [Fact]
    public void The_earliest_lead_is_taken_among_those_in_scope_only()
    {
        // 202 (other campaign) is lower than 303 and 404 but outside campaign scope.
        var decision = Decide(PhoneWithLeads(), Options(DupScope.Campaign));

        Assert.Equal(SameCampaignLead, decision.Match?.LeadId);
    }

    [Fact]
    public void A_lead_still_waiting_for_its_commit_is_matched_and_reported_as_pending()
    {
        var pending = new TaskCompletionSource();
        var entry = new PhoneEntry();
        entry.Leads.Add(new LeadRef(900, TargetList, TargetCampaign, pending.Task));

        var decision = Decide(entry, Options(DupScope.List));

        Assert.Equal(DedupVerdict.Duplicate, decision.Verdict);
        Assert.Equal(900, decision.Match?.LeadId);
        Assert.False(decision.Match?.IsCommitted);
    }
}
