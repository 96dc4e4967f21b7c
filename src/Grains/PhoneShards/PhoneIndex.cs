namespace Leadline.Grains.PhoneShards;

/// <summary>What a shard knows about one phone: its leads and its DNC scopes (0 = account-wide).</summary>
public sealed class PhoneEntry
{
    public List<LeadRef> Leads { get; } = new(1);
    public HashSet<long>? DncCampaigns { get; set; }

    public bool IsDnc(long campaignId) =>
        DncCampaigns is { } scopes && (scopes.Contains(0) || scopes.Contains(campaignId));

    /// <summary>A copy without one lead: what a lead that changes place is checked against.</summary>
    public PhoneEntry WithoutLead(long leadId)
    {
        var copy = new PhoneEntry { DncCampaigns = DncCampaigns };
        copy.Leads.AddRange(Leads.Where(l => l.LeadId != leadId));
        return copy;
    }
}

/// <summary>The in-memory index of a shard's phones; the tables stay the source of truth.</summary>
public sealed class PhoneIndex
{
    private readonly Dictionary<string, PhoneEntry> _phones = new(StringComparer.Ordinal);

    public int PhoneCount => _phones.Count;

    public PhoneEntry? Find(string e164) => _phones.GetValueOrDefault(e164);

    /// <summary>Every phone's entry, for changes that touch a whole list.</summary>
    public IEnumerable<PhoneEntry> Entries => _phones.Values;

    public void AddLead(string e164, LeadRef lead) => GetOrAdd(e164).Leads.Add(lead);

    public void RemoveLead(string e164, LeadRef lead)
    {
        if (_phones.TryGetValue(e164, out var entry))
        {
            entry.Leads.Remove(lead);
            RemoveIfEmpty(e164, entry);
        }
    }

    public LeadRef? FindLead(string e164, long leadId) =>
        Find(e164)?.Leads.Find(l => l.LeadId == leadId);

    /// <summary>Puts <paramref name="replacement"/> where <paramref name="lead"/> was (a lead changing place or state).</summary>
    public void ReplaceLead(string e164, LeadRef lead, LeadRef replacement)
    {
        var leads = GetOrAdd(e164).Leads;
        var at = leads.IndexOf(lead);
        if (at >= 0)
            leads[at] = replacement;
        else
            leads.Add(replacement);
    }

    public bool AddDnc(string e164, long campaignId) =>
        (GetOrAdd(e164).DncCampaigns ??= []).Add(campaignId);

    /// <summary>Forgets one DNC scope of a number; false when the index did not have it.</summary>
    public bool RemoveDnc(string e164, long campaignId)
    {
        if (!_phones.TryGetValue(e164, out var entry) || entry.DncCampaigns is not { } scopes || !scopes.Remove(campaignId))
            return false;
        if (scopes.Count == 0)
            entry.DncCampaigns = null;
        RemoveIfEmpty(e164, entry);
        return true;
    }

    private PhoneEntry GetOrAdd(string e164)
    {
        if (!_phones.TryGetValue(e164, out var entry))
            _phones[e164] = entry = new PhoneEntry();
        return entry;
    }

    private void RemoveIfEmpty(string e164, PhoneEntry entry)
    {
        if (entry.Leads.Count == 0 && entry.DncCampaigns is not { Count: > 0 })
            _phones.Remove(e164);
    }
}
