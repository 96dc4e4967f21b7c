using Leadline.Grains.PhoneShards;
using static Leadline.UnitTests.PhoneShards.DedupScenario;

namespace Leadline.UnitTests.PhoneShards;

/// <summary>
/// Every combination of check_dup (0–3) × check_dup_archive (0/1) × check_dnc (0/1), update_if_found=0,
/// against <see cref="DedupScenario"/> with the phone on the target campaign's DNC list.
/// </summary>
public class DedupPolicyMatrixTests
{
    public static TheoryData<int, int, int, DedupVerdict, long, string> AllCombinations()
    {
        var data = new TheoryData<int, int, int, DedupVerdict, long, string>();
        for (var checkDup = 0; checkDup <= 3; checkDup++)
            for (var archive = 0; archive <= 1; archive++)
                for (var dnc = 0; dnc <= 1; dnc++)
                {
                    var (verdict, lead, why) = Expected(checkDup, archive == 1, dnc == 1);
                    data.Add(checkDup, archive, dnc, verdict, lead, why);
                }
        return data;
    }

    /// <summary>
    /// The documented rules, written out for the scenario (0 = no matched lead):
    /// check_dnc first; then check_dup 1 = any lead of the account, 2 = the target list, 3 = the target
    /// campaign; archived leads count only with check_dup_archive=1; the lowest lead id is reported.
    /// </summary>
    private static (DedupVerdict Verdict, long Lead, string Why) Expected(int checkDup, bool archive, bool dnc)
    {
        if (dnc)
            return (DedupVerdict.DoNotCall, 0, "check_dnc=1 and the phone is on the target campaign's DNC list: refused before any duplicate check");

        return (checkDup, archive) switch
        {
            (0, _) => (DedupVerdict.Insert, 0, "check_dup=0 looks for nothing"),
            (1, true) => (DedupVerdict.Duplicate, ArchivedLead, "account scope, archived counted: 101 (archived) is the earliest of all four"),
            (1, false) => (DedupVerdict.Duplicate, OtherCampaignLead, "account scope, archived skipped: 202 (other campaign) is the earliest of 202/303/404"),
            (2, _) => (DedupVerdict.Duplicate, TargetListLead, "list scope: only 404 is in the target list; the archive flag changes nothing"),
            (3, true) => (DedupVerdict.Duplicate, ArchivedLead, "campaign scope, archived counted: 101 (archived list of the target campaign) beats 303 and 404"),
            (3, false) => (DedupVerdict.Duplicate, SameCampaignLead, "campaign scope, archived skipped: 303 beats 404; 202 is another campaign"),
            _ => throw new ArgumentOutOfRangeException(nameof(checkDup)),
        };
    }

    [Fact]
    public void The_matrix_holds_all_16_distinct_combinations()
    {
        var combos = AllCombinations().Select(row => (row[0], row[1], row[2])).Distinct().Count();
        Assert.Equal(4 * 2 * 2, combos);
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void Decides_each_check_dup_archive_dnc_combination_by_the_documented_rules(
        int checkDup, int checkDupArchive, int checkDnc, DedupVerdict expectedVerdict, long expectedLead, string why)
    {
        var options = Options((DupScope)checkDup, archive: checkDupArchive == 1, dnc: checkDnc == 1);

        var decision = Decide(PhoneWithLeads(dncCampaigns: TargetCampaign), options);

        Assert.True(expectedVerdict == decision.Verdict, $"{why}: expected {expectedVerdict}, got {decision.Verdict}");
        Assert.True(expectedLead == (decision.Match?.LeadId ?? 0), $"{why}: expected lead {expectedLead}, got {decision.Match?.LeadId}");
    }
}
