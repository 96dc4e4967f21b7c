using Leadline.Grains.PhoneShards;

namespace Leadline.UnitTests.PhoneShards;

/// <summary>
/// One phone known to a shard, with a lead in each place that the dedup rules tell apart. The lead ids
/// are chosen so that "earliest wins" picks a different lead for each scope:
/// <list type="bullet">
/// <item>101 — in an archived list (12) of the target campaign: the earliest of all, counted only with check_dup_archive=1.</item>
/// <item>202 — in a list (20) of another campaign (2).</item>
/// <item>303 — in another list (11) of the target campaign (1).</item>
/// <item>404 — in the target list (10) itself.</item>
/// </list>
/// The leads are added out of id order so that "earliest" cannot be confused with "first added".
/// </summary>
internal static class DedupScenario
{
    public const long TargetList = 10;
    public const long TargetCampaign = 1;

    public const long SameCampaignOtherList = 11;
    public const long ArchivedList = 12;
    public const long OtherCampaignList = 20;
    public const long OtherCampaign = 2;

    public const long ArchivedLead = 101;
    public const long OtherCampaignLead = 202;
    public const long SameCampaignLead = 303;
    public const long TargetListLead = 404;

    public static PhoneEntry PhoneWithLeads(params long[] dncCampaigns)
    {
        var entry = new PhoneEntry();
        entry.Leads.Add(new LeadRef(TargetListLead, TargetList, TargetCampaign));
        entry.Leads.Add(new LeadRef(SameCampaignLead, SameCampaignOtherList, TargetCampaign));
        entry.Leads.Add(new LeadRef(ArchivedLead, ArchivedList, TargetCampaign));
        entry.Leads.Add(new LeadRef(OtherCampaignLead, OtherCampaignList, OtherCampaign));
        if (dncCampaigns.Length > 0)
            entry.DncCampaigns = [.. dncCampaigns];
        return entry;
    }

    public static bool IsArchived(long listId) => listId == ArchivedList;

    public static DedupDecision Decide(PhoneEntry? entry, DedupOptions options) =>
        DedupPolicy.Decide(entry, TargetList, TargetCampaign, options, IsArchived);

    public static DedupOptions Options(
        DupScope checkDup = DupScope.None, bool archive = false, bool dnc = false, bool updateIfFound = false,
        long? searchListId = null, long? searchCampaignId = null) =>
        new(checkDup, archive, dnc, updateIfFound, searchListId, searchCampaignId);
}
