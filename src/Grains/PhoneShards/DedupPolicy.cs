namespace Leadline.Grains.PhoneShards;

public enum DedupVerdict
{
    Insert,
    Duplicate,
    UpdateExisting,
    DoNotCall,
}

/// <summary><see cref="Match"/> is the existing lead for Duplicate and UpdateExisting.</summary>
public readonly record struct DedupDecision(DedupVerdict Verdict, LeadRef? Match = null);

/// <summary>
/// The Convoso insert rules, decided for one phone. Pure, so every combination is unit-tested:
/// <list type="number">
/// <item>check_dnc: an account-wide or target-campaign DNC entry refuses the lead, before anything else.</item>
/// <item>update_if_found: a lead found in the search scope (search_list_id, else search_campaign_id,
/// else the check_dup scope, else the whole account) is updated instead of inserting.</item>
/// <item>check_dup 1/2/3: a lead of the account / target list / target campaign refuses the insert.</item>
/// </list>
/// Leads in archived lists count only with check_dup_archive=1. When several leads match, the
/// earliest created (then the lowest lead_id) is the one reported or updated.
/// </summary>
public static class DedupPolicy
{
    public static DedupDecision Decide(
        PhoneEntry? entry, long listId, long campaignId, DedupOptions options, Func<long, bool> isArchivedList)
    {
        if (entry is null)
            return new(DedupVerdict.Insert);

        if (options.CheckDnc && entry.IsDnc(campaignId))
            return new(DedupVerdict.DoNotCall);

        if (options.UpdateIfFound)
        {
            var found = Earliest(entry, lead => InUpdateSearchScope(lead, listId, campaignId, options), options, isArchivedList);
            if (found is not null)
                return new(DedupVerdict.UpdateExisting, found);
        }

        if (options.CheckDup != DupScope.None)
        {
            var duplicate = Earliest(entry, lead => InScope(lead, options.CheckDup, listId, campaignId), options, isArchivedList);
            if (duplicate is not null)
                return new(DedupVerdict.Duplicate, duplicate);
        }

        return new(DedupVerdict.Insert);
    }

    private static bool InUpdateSearchScope(LeadRef lead, long listId, long campaignId, DedupOptions options)
    {
        if (options.SearchListId is { } searchList)
            return lead.ListId == searchList;
        if (options.SearchCampaignId is { } searchCampaign)
            return lead.CampaignId == searchCampaign;
        return options.CheckDup == DupScope.None || InScope(lead, options.CheckDup, listId, campaignId);
    }

    private static bool InScope(LeadRef lead, DupScope scope, long listId, long campaignId) => scope switch
    {
        DupScope.Account => true,
        DupScope.List => lead.ListId == listId,
        DupScope.Campaign => lead.CampaignId == campaignId,
        _ => false,
    };

    private static LeadRef? Earliest(
        PhoneEntry entry, Func<LeadRef, bool> inScope, DedupOptions options, Func<long, bool> isArchivedList)
    {
        LeadRef? best = null;
        foreach (var lead in entry.Leads)
        {
            if (!inScope(lead) || (!options.CheckDupArchive && isArchivedList(lead.ListId)))
                continue;
            if (best is not { } earliest || lead.IsOlderThan(earliest))
                best = lead;
        }
        return best;
    }
}
