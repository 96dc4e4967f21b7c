namespace Leadline.Grains.Hopper;

/// <summary>
/// A campaign's hopper in memory: READY entries in dial order (priority 99 first, then oldest
/// insertion, then lead id) and the entries leased to dialers. Pure, so ordering and lease rules are
/// tested without a silo; <see cref="HopperGrain"/> persists every change before making it here.
/// </summary>
public sealed class HopperQueue
{
    private static readonly Comparer<Slot> DialOrder = Comparer<Slot>.Create((a, b) =>
    {
        var byPriority = b.Entry.Priority.CompareTo(a.Entry.Priority);
        if (byPriority != 0)
            return byPriority;
        var byAge = a.Entry.InsertedAt.CompareTo(b.Entry.InsertedAt);
        return byAge != 0 ? byAge : a.Entry.Lead.LeadId.CompareTo(b.Entry.Lead.LeadId);
    });

    private static readonly Comparer<Slot> ExpiryOrder = Comparer<Slot>.Create((a, b) =>
    {
        var byExpiry = Nullable.Compare(a.Entry.ExpiresAt, b.Entry.ExpiresAt);
        return byExpiry != 0 ? byExpiry : a.Entry.Lead.LeadId.CompareTo(b.Entry.Lead.LeadId);
    });

    private readonly SortedSet<Slot> _ready = new(DialOrder);
    private readonly SortedSet<Slot> _expiring = new(ExpiryOrder); // every entry with an expiry, ready or leased
    private readonly Dictionary<long, Slot> _byLead = [];
    private readonly Dictionary<Guid, Slot> _byLease = [];
    private readonly SortedSet<(DateTimeOffset Until, Guid LeaseId)> _leaseEnds = []; // so a pull finds lapsed leases without a scan

    // Insertion times of entries that left recently (acked, removed, expired), so a late notice of an
    // older commit cannot bring one back. Pruned by ForgetGoneBefore.
    private readonly Dictionary<long, (DateTimeOffset InsertedAt, DateTimeOffset GoneAt)> _gone = [];

    public int ReadyCount => _ready.Count;
    public int LeasedCount => _byLease.Count;

    public bool Contains(long leadId) => _byLead.ContainsKey(leadId);

    /// <summary>Compared with the table's (see HopperStore.FingerprintAsync) to notice a difference cheaply.</summary>
    public (long Count, decimal LeadIdSum) Fingerprint() => (_byLead.Count, _byLead.Keys.Sum(id => (decimal)id));

    public List<long> ReadyLeadIds() => [.. _ready.Select(s => s.Entry.Lead.LeadId)];

    public bool IsLeased(long leadId) => _byLead.TryGetValue(leadId, out var slot) && slot.LeaseId is not null;

    /// <summary>
    /// Adds a READY entry or replaces a READY entry's priority and position. Leased entries are left alone,
    /// and so is anything older than what this queue already holds or recently let go of for that lead.
    /// </summary>
    public bool Upsert(HopperEntry entry)
    {
        if (_gone.TryGetValue(entry.Lead.LeadId, out var gone) && entry.InsertedAt <= gone.InsertedAt)
            return false;
        if (_byLead.TryGetValue(entry.Lead.LeadId, out var existing))
        {
            if (existing.LeaseId is not null || entry.InsertedAt < existing.Entry.InsertedAt)
                return false;
            _ready.Remove(existing);
            _expiring.Remove(existing);
        }
        var slot = new Slot(entry);
        _byLead[entry.Lead.LeadId] = slot;
        _ready.Add(slot);
        if (entry.ExpiresAt is not null)
            _expiring.Add(slot);
        return true;
    }

    /// <summary>Restores a leased entry as loaded from the table (a lease outlives a silo).</summary>
    public void RestoreLease(HopperEntry entry, Guid leaseId, string dialer, DateTimeOffset until)
    {
        var slot = new Slot(entry) { LeaseId = leaseId, Dialer = dialer, LeasedUntil = until };
        _byLead[entry.Lead.LeadId] = slot;
        _byLease[leaseId] = slot;
        _leaseEnds.Add((until, leaseId));
        if (entry.ExpiresAt is not null)
            _expiring.Add(slot);
    }

    /// <summary>
    /// The next READY entries in dial order that have not expired at <paramref name="now"/>, without
    /// changing anything: the caller persists the leases first, then calls <see cref="Lease"/>.
    /// </summary>
    public List<HopperEntry> PeekDialable(int count, DateTimeOffset now)
    {
        var result = new List<HopperEntry>(Math.Min(count, _ready.Count));
        foreach (var slot in _ready)
        {
            if (result.Count == count)
                break;
            if (slot.Entry.ExpiresAt is { } expiresAt && expiresAt <= now)
                continue; // expired entries are never handed out
            result.Add(slot.Entry);
        }
        return result;
    }

    public void Lease(long leadId, Guid leaseId, string dialer, DateTimeOffset until)
    {
        var slot = _byLead[leadId];
        _ready.Remove(slot);
        slot.LeaseId = leaseId;
        slot.Dialer = dialer;
        slot.LeasedUntil = until;
        _byLease[leaseId] = slot;
        _leaseEnds.Add((until, leaseId));
    }

    public HopperEntry? FindLease(Guid leaseId) => _byLease.TryGetValue(leaseId, out var slot) ? slot.Entry : null;

    /// <summary>Back to READY in its old position (its insertion time is unchanged).</summary>
    public bool Release(Guid leaseId)
    {
        if (!_byLease.Remove(leaseId, out var slot))
            return false;
        _leaseEnds.Remove((slot.LeasedUntil!.Value, leaseId));
        slot.LeaseId = null;
        slot.Dialer = null;
        slot.LeasedUntil = null;
        _ready.Add(slot);
        return true;
    }

    /// <summary>
    /// Takes an entry out. One the queue does not hold (its commit notice may still be on the way) is
    /// remembered as gone as of <paramref name="now"/>, so that notice cannot bring it back.
    /// </summary>
    public bool Remove(long leadId, DateTimeOffset now)
    {
        if (!_byLead.Remove(leadId, out var slot))
        {
            _gone[leadId] = (now, now);
            return false;
        }
        _gone[leadId] = (slot.Entry.InsertedAt, now);
        _expiring.Remove(slot);
        if (slot.LeaseId is { } leaseId)
        {
            _byLease.Remove(leaseId);
            _leaseEnds.Remove((slot.LeasedUntil!.Value, leaseId));
        }
        else
            _ready.Remove(slot);
        return true;
    }

    /// <summary>READY entries whose expiry has come at <paramref name="now"/> (leased ones wait for their lease).</summary>
    public List<HopperEntry> ExpiredReady(DateTimeOffset now)
    {
        var expired = new List<HopperEntry>();
        foreach (var slot in _expiring)
        {
            if (slot.Entry.ExpiresAt > now)
                break;
            if (slot.LeaseId is null)
                expired.Add(slot.Entry);
        }
        return expired;
    }

    /// <summary>Whether any entry, ready or leased, has an expiry still to come or due.</summary>
    public bool HasPendingExpiries => _expiring.Count > 0;

    /// <summary>Late notices arrive within seconds; what left before <paramref name="cutoff"/> need not be remembered.</summary>
    public void ForgetGoneBefore(DateTimeOffset cutoff)
    {
        foreach (var (leadId, gone) in _gone)
        {
            if (gone.GoneAt < cutoff)
                _gone.Remove(leadId);
        }
    }

    /// <summary>Leases whose time ran out at <paramref name="now"/>.</summary>
    public List<Guid> LapsedLeases(DateTimeOffset now) =>
        [.. _leaseEnds.TakeWhile(end => end.Until <= now).Select(end => end.LeaseId)];

    public HopperStatus Status(DateTimeOffset now)
    {
        var byPriority = new Dictionary<int, int>();
        DateTimeOffset? oldest = null, nextExpiry = null;
        foreach (var slot in _byLead.Values)
        {
            var entry = slot.Entry;
            if (slot.LeaseId is null)
                byPriority[entry.Priority] = byPriority.GetValueOrDefault(entry.Priority) + 1;
            if (oldest is null || entry.InsertedAt < oldest)
                oldest = entry.InsertedAt;
            if (slot.LeaseId is null && entry.ExpiresAt is { } expiresAt && expiresAt > now && (nextExpiry is null || expiresAt < nextExpiry))
                nextExpiry = expiresAt;
        }
        return new HopperStatus(byPriority, _byLease.Count, oldest, nextExpiry);
    }

    private sealed class Slot(HopperEntry entry)
    {
        public HopperEntry Entry { get; } = entry;
        public Guid? LeaseId { get; set; }
        public string? Dialer { get; set; }
        public DateTimeOffset? LeasedUntil { get; set; }
    }
}
