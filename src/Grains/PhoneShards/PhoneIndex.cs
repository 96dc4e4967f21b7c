using System.Runtime.InteropServices;

namespace Leadline.Grains.PhoneShards;

/// <summary>
/// What a shard knows about one phone: its leads and its DNC scopes (0 = account-wide). A snapshot made
/// by <see cref="PhoneIndex.Find"/> for one decision; changing it does not change the index.
/// </summary>
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

/// <summary>
/// The in-memory index of a shard's phones; the tables stay the source of truth. Sized for millions of
/// leads per account: a committed lead is one 32-byte array entry (phone as an integer, lead id, creation
/// time, the number of its list and campaign pair) and no object, whatever its phone's number of leads.
/// Leads whose write or change is in flight carry their commit Task in a small side map until they
/// settle (<see cref="Settle"/>) or go (<see cref="RemoveLead"/>); DNC scopes are a third map.
/// </summary>
public sealed class PhoneIndex
{
    [StructLayout(LayoutKind.Sequential, Pack = 4)] // 20 bytes, so a map entry (key, next, this) is 32
    private struct StoredLead
    {
        public long LeadId;
        public long CreatedAtUtcTicks;
        public int Place;
    }

    private readonly PhoneKeys _keys = new();
    private readonly LeadPlaces _places = new();
    private readonly PhoneMultiMap<StoredLead> _committed = new();
    private readonly PhoneMultiMap<LeadRef> _pending = new();
    private readonly PhoneMultiMap<long> _dnc = new();

    public int PhoneCount { get; private set; }

    public int LeadCount => _committed.Count + _pending.Count;

    /// <summary>Room for <paramref name="leads"/> committed leads (an activation that knows how many it loads).</summary>
    public void EnsureCapacity(int leads) => _committed.EnsureCapacity(leads);

    /// <summary>A snapshot of the phone's leads and DNC scopes; null when the shard knows nothing of it.</summary>
    public PhoneEntry? Find(string e164)
    {
        if (!_keys.TryFind(e164, out var key))
            return null;
        int committed = _committed.First(key), pending = _pending.First(key), dnc = _dnc.First(key);
        if ((committed & pending & dnc) < 0) // all three -1: the common case of a new number allocates nothing
            return null;
        var entry = new PhoneEntry();
        for (var i = committed; i >= 0; i = _committed.Next(i))
            entry.Leads.Add(ToRef(_committed.ValueAt(i)));
        for (var i = pending; i >= 0; i = _pending.Next(i))
            entry.Leads.Add(_pending.ValueAt(i));
        if (dnc >= 0)
        {
            entry.DncCampaigns = [];
            for (var i = dnc; i >= 0; i = _dnc.Next(i))
                entry.DncCampaigns.Add(_dnc.ValueAt(i));
        }
        return entry;
    }

    public LeadRef? FindLead(string e164, long leadId)
    {
        if (!_keys.TryFind(e164, out var key))
            return null;
        if (FindPending(key, leadId, commit: null) is var pending and >= 0)
            return _pending.ValueAt(pending);
        return FindCommitted(key, leadId) is var committed and >= 0 ? ToRef(_committed.ValueAt(committed)) : null;
    }

    /// <summary>Adds a lead: packed when it is committed, with its commit Task in the side map while pending.</summary>
    public void AddLead(string e164, LeadRef lead)
    {
        var key = _keys.KeyOf(e164);
        CountIfNew(key);
        if (lead.IsCommitted)
            _committed.Add(key, Pack(lead));
        else
            _pending.Add(key, lead);
    }

    /// <summary>Adds a committed lead by its packed phone (<see cref="PhoneKeys.TryPack"/>): the activation's load.</summary>
    public void AddCommitted(long phoneKey, long leadId, long listId, long campaignId, DateTimeOffset createdAt)
    {
        CountIfNew(phoneKey);
        _committed.Add(phoneKey, new StoredLead
        {
            LeadId = leadId, CreatedAtUtcTicks = createdAt.UtcTicks, Place = _places.NumberOf(listId, campaignId),
        });
    }

    /// <summary>
    /// Removes <paramref name="lead"/>: a pending one is matched with its commit Task (the very ref placed),
    /// a committed one by its id. Nothing happens when the phone does not have it.
    /// </summary>
    public void RemoveLead(string e164, LeadRef lead)
    {
        if (!_keys.TryFind(e164, out var key))
            return;
        if (lead.PendingCommit is not null)
        {
            if (FindPending(key, lead.LeadId, lead.PendingCommit) is not (var pending and >= 0))
                return;
            _pending.RemoveAt(pending);
        }
        else
        {
            if (FindCommitted(key, lead.LeadId) is not (var committed and >= 0))
                return;
            _committed.RemoveAt(committed);
        }
        ForgetIfEmpty(key);
    }

    /// <summary>Puts <paramref name="replacement"/> where <paramref name="lead"/> was (a lead changing place or state).</summary>
    public void ReplaceLead(string e164, LeadRef lead, LeadRef replacement)
    {
        RemoveLead(e164, lead);
        AddLead(e164, replacement);
    }

    /// <summary>
    /// A pending lead's write committed: it stays, packed and without its Task. False when the index no
    /// longer has that pending ref (it was replaced or removed meanwhile).
    /// </summary>
    public bool Settle(string e164, LeadRef pending)
    {
        if (pending.PendingCommit is null || !_keys.TryFind(e164, out var key)
            || FindPending(key, pending.LeadId, pending.PendingCommit) is not (var index and >= 0))
            return false;
        _pending.RemoveAt(index);
        _committed.Add(key, Pack(pending));
        return true;
    }

    public bool AddDnc(string e164, long campaignId)
    {
        var key = _keys.KeyOf(e164);
        if (FindDnc(key, campaignId) >= 0)
            return false;
        CountIfNew(key);
        _dnc.Add(key, campaignId);
        return true;
    }

    /// <summary>Forgets one DNC scope of a number; false when the index did not have it.</summary>
    public bool RemoveDnc(string e164, long campaignId)
    {
        if (!_keys.TryFind(e164, out var key) || FindDnc(key, campaignId) is not (var index and >= 0))
            return false;
        _dnc.RemoveAt(index);
        ForgetIfEmpty(key);
        return true;
    }

    /// <summary>The commit Tasks of the list's leads still in flight (a list move lets them land first).</summary>
    public List<Task> PendingCommitsOfList(long listId)
    {
        var commits = new List<Task>();
        for (var i = 0; i < _pending.HighWater; i++)
        {
            if (_pending.IsLive(i) && _pending.ValueAt(i) is { ListId: var list, IsCommitted: false } lead && list == listId)
                commits.Add(lead.Commit);
        }
        return commits;
    }

    /// <summary>
    /// The list now belongs to <paramref name="campaignId"/>: its committed leads take that campaign (pending
    /// ones keep what their write carries; they land before the table is updated).
    /// </summary>
    public void MoveList(long listId, long campaignId)
    {
        var target = -1;
        var repoint = new Dictionary<int, int>();
        for (var place = 0; place < _places.Count; place++)
        {
            var (list, campaign) = _places[place];
            if (list == listId && campaign != campaignId)
                repoint[place] = target = target >= 0 ? target : _places.NumberOf(listId, campaignId);
        }
        if (repoint.Count > 0)
        {
            for (var i = 0; i < _committed.HighWater; i++)
            {
                if (_committed.IsLive(i) && repoint.TryGetValue(_committed.ValueAt(i).Place, out var moved))
                    _committed.ValueAt(i).Place = moved;
            }
        }
        for (var i = 0; i < _pending.HighWater; i++)
        {
            if (_pending.IsLive(i) && _pending.ValueAt(i) is { IsCommitted: true } lead && lead.ListId == listId && lead.CampaignId != campaignId)
                _pending.ValueAt(i) = new LeadRef(lead.LeadId, listId, campaignId, lead.PendingCommit, lead.CreatedAt);
        }
    }

    private int FindCommitted(long key, long leadId)
    {
        var i = _committed.First(key);
        while (i >= 0 && _committed.ValueAt(i).LeadId != leadId)
            i = _committed.Next(i);
        return i;
    }

    /// <summary>The pending ref of the lead; with <paramref name="commit"/>, only the one placed with that Task.</summary>
    private int FindPending(long key, long leadId, Task? commit)
    {
        var i = _pending.First(key);
        while (i >= 0 && !(_pending.ValueAt(i).LeadId == leadId && (commit is null || ReferenceEquals(_pending.ValueAt(i).PendingCommit, commit))))
            i = _pending.Next(i);
        return i;
    }

    private int FindDnc(long key, long campaignId)
    {
        var i = _dnc.First(key);
        while (i >= 0 && _dnc.ValueAt(i) != campaignId)
            i = _dnc.Next(i);
        return i;
    }

    private void CountIfNew(long key)
    {
        if (!_committed.ContainsKey(key) && !_pending.ContainsKey(key) && !_dnc.ContainsKey(key))
            PhoneCount++;
    }

    private void ForgetIfEmpty(long key)
    {
        // Called after a removal: the phone is gone when no map has it any more.
        if (!_committed.ContainsKey(key) && !_pending.ContainsKey(key) && !_dnc.ContainsKey(key))
            PhoneCount--;
    }

    private StoredLead Pack(LeadRef lead) => new()
    {
        LeadId = lead.LeadId, CreatedAtUtcTicks = lead.CreatedAt.UtcTicks, Place = _places.NumberOf(lead.ListId, lead.CampaignId),
    };

    private LeadRef ToRef(in StoredLead lead)
    {
        var (listId, campaignId) = _places[lead.Place];
        return new LeadRef(lead.LeadId, listId, campaignId, createdAt: new DateTimeOffset(lead.CreatedAtUtcTicks, TimeSpan.Zero));
    }
}
