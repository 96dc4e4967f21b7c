namespace Leadline.Grains.Hopper;

/// <summary>
/// A campaign's hopper in memory: READY entries in dial order (priority 99 first, then oldest insertion, then
/// lead id) and the entries leased to dialers. Pure, so ordering, lease and calling-hours rules are tested
/// without a silo; <see cref="HopperGrain"/> persists every change before making it here.
/// <para>
/// Dial regions: a READY entry may be handed out only while its region's calling hours are open, so READY
/// entries sit in one heap per region (see HopperQueue.Heaps.cs) and a pull merges the roots of the open
/// regions' heaps only: it never looks at an entry of a closed region, and a region's entries keep their place
/// while it is closed. An entry whose number reached its attempt cap is deferred: it leaves its heap until a
/// given time, then goes back with the same key.
/// </para>
/// <para>
/// Compact, because a hopper holds every READY entry of its campaign: a READY entry is one 16-byte heap item
/// (dial key + lead id) and one lead id → (region, heap index) pair, no object and no string (about 48 bytes
/// when loaded, at most about 56 when grown entry by entry: tables grow by a quarter; bench/HopperMemory). The
/// lead's details are read from leads when it is leased. Entries with an expiry, deferred entries and leases keep
/// more in side tables.
/// </para>
/// </summary>
public sealed partial class HopperQueue
{
    private const int Leased = -1;
    private const int Deferred = -2;
    // Dial key: (99 − priority) in bits 62..56, microseconds since 2000-01-01 (PostgreSQL's precision,
    // see HopperTime) in bits 55..0, so one long compares as priority desc, then insertion asc.
    private const int RankShift = 56;
    private const long MicrosMask = (1L << RankShift) - 1;
    private static readonly long EpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly Func<string?, bool> EveryRegionOpen = _ => true;

    // Every entry: its region and heap index when READY in a heap (see Code), Leased, or Deferred.
    private readonly Dictionary<long, int> _position = [];
    private readonly Dictionary<long, DateTimeOffset> _expiresAt = []; // only entries that have an expiry
    private readonly SortedSet<(DateTimeOffset At, long LeadId)> _expiring = []; // the same, ready or leased, by time
    private readonly Dictionary<Guid, LeaseSlot> _byLease = [];
    private readonly Dictionary<long, Guid> _leaseOf = [];
    private readonly SortedSet<(DateTimeOffset Until, Guid LeaseId)> _leaseEnds = []; // so a pull finds lapsed leases without a scan
    private readonly Dictionary<long, DeferredSlot> _deferred = [];
    private readonly SortedSet<(DateTimeOffset Until, long LeadId)> _deferEnds = []; // so due ones go back in O(due)

    // Insertion times of entries that left recently (acked, removed, expired), so a late notice of an
    // older commit cannot bring one back. Pruned by ForgetGoneBefore.
    private readonly Dictionary<long, (long InsertedMicros, DateTimeOffset GoneAt)> _gone = [];

    /// <summary>READY entries, in every region, deferred ones included (they are READY in the table).</summary>
    public int ReadyCount => _inHeaps + _deferred.Count;
    public int LeasedCount => _byLease.Count;

    public bool Contains(long leadId) => _position.ContainsKey(leadId);

    public bool IsLeased(long leadId) => _position.TryGetValue(leadId, out var at) && at == Leased;

    /// <summary>
    /// Sizes the lead table for <paramref name="entries"/> at once (a hopper loading its table), so it does not grow
    /// step by step. The region heaps still grow by a quarter: how the entries split over regions is not known.
    /// </summary>
    public void EnsureCapacity(int entries) => _position.EnsureCapacity(entries);

    /// <summary>Compared with the table's (see HopperStore.FingerprintAsync) to notice a difference cheaply.</summary>
    public (long Count, decimal LeadIdSum) Fingerprint()
    {
        decimal sum = 0;
        foreach (var leadId in _position.Keys)
            sum += leadId;
        return (_position.Count, sum);
    }

    /// <summary>Every READY entry's lead, deferred ones and those of closed regions included: what the table holds as READY.</summary>
    public List<long> ReadyLeadIds()
    {
        var ids = new List<long>(ReadyCount);
        foreach (var heap in Heaps())
        {
            for (var i = 0; i < heap.Count; i++)
                ids.Add(heap.Items[i].LeadId);
        }
        ids.AddRange(_deferred.Keys);
        return ids;
    }

    /// <summary>
    /// Adds a READY entry or replaces a READY entry's priority, position and region (a new region moves it).
    /// Leased entries are left alone, and so is anything older than what this queue already holds or recently
    /// let go of for that lead. A deferred entry stays deferred until the same time: its key and region change.
    /// </summary>
    public bool Upsert(HopperEntry entry)
    {
        var key = KeyOf(entry.Priority, entry.InsertedAt);
        var micros = key & MicrosMask;
        if (_gone.TryGetValue(entry.LeadId, out var gone) && micros <= gone.InsertedMicros)
            return false;
        var r = HeapOf(entry.Region);
        if (_position.TryGetValue(entry.LeadId, out var at))
        {
            if (at == Leased)
                return false;
            if (at == Deferred)
            {
                var slot = _deferred[entry.LeadId];
                if (micros < (slot.Key & MicrosMask))
                    return false;
                _deferred[entry.LeadId] = slot with { Key = key, Region = SharedName(entry.Region) };
                ReplaceExpiry(entry.LeadId, entry.ExpiresAt);
                return true;
            }
            if (micros < (ItemAt(at).Key & MicrosMask))
                return false;
            if (RegionOf(at) != r && IsFull(r))
                throw FullRegion(entry.Region); // before it leaves its old heap
            TakeOut(at);
        }
        else
            GrowGently();
        InsertInto(r, new HeapItem(key, entry.LeadId), entry.Region);
        ReplaceExpiry(entry.LeadId, entry.ExpiresAt);
        return true;
    }

    /// <summary>Restores a leased entry as loaded from the table (a lease outlives a silo).</summary>
    public void RestoreLease(HopperEntry entry, Guid leaseId, string dialer, DateTimeOffset until)
    {
        GrowGently();
        _position[entry.LeadId] = Leased;
        AddLease(new LeaseSlot(entry.LeadId, KeyOf(entry.Priority, entry.InsertedAt), SharedName(entry.Region), dialer, until), leaseId);
        if (entry.ExpiresAt is { } expiresAt)
            RememberExpiry(entry.LeadId, expiresAt);
    }

    /// <summary>
    /// The next READY entries in dial order across the regions for which <paramref name="regionOpen"/> says yes
    /// (asked at most once per region), skipping expired and deferred ones, without changing what the queue holds:
    /// the caller persists the leases first, then calls <see cref="Lease"/>. A k-way best-first merge of the open
    /// regions' heaps from their roots: O(k log(k + regions)), closed regions' heaps never looked at (beyond 254
    /// regions, see HopperQueue.Heaps.cs).
    /// </summary>
    public List<HopperEntry> PeekDialable(int count, DateTimeOffset now, Func<string?, bool> regionOpen)
    {
        ArgumentNullException.ThrowIfNull(regionOpen);
        ReturnDue(now);
        var result = new List<HopperEntry>(Math.Clamp(count, 0, _inHeaps));
        if (count <= 0 || _inHeaps == 0)
            return result;
        var gate = new RegionGate(this, regionOpen, stackalloc sbyte[_heaps.Length]);
        var frontier = new PriorityQueue<int, HeapItem>(HeapItem.Order);
        for (var r = 0; r < _heaps.Length; r++)
        {
            if (_heaps[r] is { Count: > 0 } heap && (r == MixedRegion || gate.IsOpen(r)))
                frontier.Enqueue(Code(r, 0), heap.Items[0]);
        }
        var anyExpiry = _expiresAt.Count > 0;
        while (result.Count < count && frontier.TryDequeue(out var code, out var item))
        {
            var r = RegionOf(code);
            var heap = _heaps[r]!;
            var region = r == MixedRegion ? _mixedRegionOf[item.LeadId] : heap.Name;
            var expired = anyExpiry && _expiresAt.TryGetValue(item.LeadId, out var expiresAt) && expiresAt <= now;
            if (!expired && (r != MixedRegion || gate.IsOpen(region!)))
                result.Add(EntryOf(item.Key, item.LeadId, region)); // expired entries are never handed out
            var first = 2 * IndexOf(code) + 1;
            for (var child = first; child <= first + 1 && child < heap.Count; child++)
                frontier.Enqueue(Code(r, child), heap.Items[child]);
        }
        return result;
    }

    /// <summary>Every region open: for tests and tools that do not care about calling hours.</summary>
    public List<HopperEntry> PeekDialable(int count, DateTimeOffset now) => PeekDialable(count, now, EveryRegionOpen);

    /// <summary>
    /// READY entries that could be handed out at <paramref name="now"/>: in open regions and not deferred. Entries
    /// whose expiry has come but that the sweep has not taken yet are counted (they leave within a sweep).
    /// O(regions): the loader compares it with the hopper level.
    /// </summary>
    public int DialableCount(DateTimeOffset now, Func<string?, bool> regionOpen)
    {
        ArgumentNullException.ThrowIfNull(regionOpen);
        ReturnDue(now);
        var gate = new RegionGate(this, regionOpen, stackalloc sbyte[_heaps.Length]);
        var dialable = 0;
        for (var r = 0; r < _heaps.Length; r++)
        {
            if (r != MixedRegion && _heaps[r] is { Count: > 0 } heap && gate.IsOpen(r))
                dialable += heap.Count;
        }
        foreach (var (region, count) in _mixedCounts)
        {
            if (gate.IsOpen(region))
                dialable += count;
        }
        return dialable;
    }

    /// <summary>
    /// Keeps a READY entry from being handed out before <paramref name="until"/> (its number reached its attempt
    /// cap): it leaves its region's heap and goes back with the same key once <paramref name="until"/> has come
    /// (checked at the start of PeekDialable, DialableCount and Status). Deferring a deferred entry sets its new
    /// time, a past one included (it goes back at the next of those calls). A leased entry is with a dialer and
    /// is left alone, and so is a lead the queue does not hold.
    /// </summary>
    public void Defer(long leadId, DateTimeOffset until)
    {
        if (!_position.TryGetValue(leadId, out var at) || at == Leased)
            return;
        if (at == Deferred)
        {
            var slot = _deferred[leadId];
            _deferEnds.Remove((slot.Until, leadId));
            _deferred[leadId] = slot with { Until = until };
        }
        else
        {
            var (item, region) = TakeOut(at);
            _position[leadId] = Deferred;
            _deferred[leadId] = new DeferredSlot(item.Key, region, until);
        }
        _deferEnds.Add((until, leadId));
    }

    /// <summary>Leases an entry that <see cref="PeekDialable(int, DateTimeOffset, Func{string?, bool})"/> offered; a leased or deferred one is a caller's mistake.</summary>
    public void Lease(long leadId, Guid leaseId, string dialer, DateTimeOffset until)
    {
        var at = _position[leadId];
        if (at == Leased)
            throw new InvalidOperationException($"Lead {leadId} is leased already.");
        if (at == Deferred)
            throw new InvalidOperationException($"Lead {leadId} is deferred until {_deferred[leadId].Until:O}; PeekDialable does not offer it.");
        var (item, region) = TakeOut(at);
        _position[leadId] = Leased;
        AddLease(new LeaseSlot(leadId, item.Key, region, dialer, until), leaseId);
    }

    public HopperEntry? FindLease(Guid leaseId) =>
        _byLease.TryGetValue(leaseId, out var slot) ? EntryOf(slot.Key, slot.LeadId, slot.Region) : null;

    /// <summary>Back to READY in its region, in its old position (its insertion time is unchanged).</summary>
    public bool Release(Guid leaseId)
    {
        if (!_byLease.TryGetValue(leaseId, out var slot))
            return false;
        Insert(new HeapItem(slot.Key, slot.LeadId), slot.Region); // first: it throws, changing nothing, if the heap is full
        _byLease.Remove(leaseId);
        _leaseOf.Remove(slot.LeadId);
        _leaseEnds.Remove((slot.Until, leaseId));
        return true;
    }

    /// <summary>
    /// Takes an entry out, READY, deferred or leased. One the queue does not hold (its commit notice may still be on
    /// the way) is remembered as gone as of <paramref name="now"/>, so that notice cannot bring it back.
    /// </summary>
    public bool Remove(long leadId, DateTimeOffset now)
    {
        if (!_position.Remove(leadId, out var at))
        {
            _gone[leadId] = (MicrosOf(now), now);
            return false;
        }
        long key;
        if (at == Leased)
        {
            _leaseOf.Remove(leadId, out var leaseId);
            _byLease.Remove(leaseId, out var slot);
            _leaseEnds.Remove((slot.Until, leaseId));
            key = slot.Key;
        }
        else if (at == Deferred)
        {
            _deferred.Remove(leadId, out var slot);
            _deferEnds.Remove((slot.Until, leadId));
            key = slot.Key;
        }
        else
            key = TakeOut(at).Item.Key;
        _gone[leadId] = (key & MicrosMask, now);
        ForgetExpiry(leadId);
        return true;
    }

    /// <summary>READY entries, deferred ones included, whose expiry has come at <paramref name="now"/> (leased ones wait for their lease).</summary>
    public List<HopperEntry> ExpiredReady(DateTimeOffset now)
    {
        var expired = new List<HopperEntry>();
        foreach (var (at, leadId) in _expiring)
        {
            if (at > now)
                break;
            var position = _position[leadId];
            if (position == Deferred)
            {
                var slot = _deferred[leadId];
                expired.Add(EntryOf(slot.Key, leadId, slot.Region));
            }
            else if (position != Leased)
                expired.Add(EntryOf(ItemAt(position).Key, leadId, RegionNameAt(position, leadId)));
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

    /// <summary>
    /// READY entries by priority (every region, deferred ones included), leased, the oldest insertion, the next
    /// expiry of a READY entry, and <see cref="HopperStatus.Waiting"/>: the READY entries that may not be handed
    /// out now (in a closed region, or deferred). O(entries).
    /// </summary>
    public HopperStatus Status(DateTimeOffset now, Func<string?, bool> regionOpen)
    {
        ArgumentNullException.ThrowIfNull(regionOpen);
        ReturnDue(now);
        var gate = new RegionGate(this, regionOpen, stackalloc sbyte[_heaps.Length]);
        var byRank = new int[100];
        var oldest = long.MaxValue;
        var waiting = _deferred.Count;
        for (var r = 0; r < _heaps.Length; r++)
        {
            if (_heaps[r] is not { Count: > 0 } heap)
                continue;
            if (r != MixedRegion && !gate.IsOpen(r))
                waiting += heap.Count;
            for (var i = 0; i < heap.Count; i++)
                Tally(heap.Items[i].Key);
        }
        foreach (var (region, count) in _mixedCounts)
        {
            if (!gate.IsOpen(region))
                waiting += count;
        }
        foreach (var slot in _deferred.Values)
            Tally(slot.Key);
        foreach (var slot in _byLease.Values)
            oldest = Math.Min(oldest, slot.Key & MicrosMask);

        DateTimeOffset? nextExpiry = null;
        foreach (var (at, leadId) in _expiring)
        {
            if (at > now && _position[leadId] != Leased)
            {
                nextExpiry = at;
                break;
            }
        }
        var byPriority = new Dictionary<int, int>();
        for (var rank = 0; rank < byRank.Length; rank++)
        {
            if (byRank[rank] > 0)
                byPriority[99 - rank] = byRank[rank];
        }
        return new HopperStatus(byPriority, _byLease.Count, oldest == long.MaxValue ? null : TimeOf(oldest), nextExpiry)
        {
            Waiting = waiting,
        };

        void Tally(long key)
        {
            byRank[key >>> RankShift]++;
            oldest = Math.Min(oldest, key & MicrosMask);
        }
    }

    /// <summary>Every region open: for tests and tools that do not care about calling hours.</summary>
    public HopperStatus Status(DateTimeOffset now) => Status(now, EveryRegionOpen);

    /// <summary>READY entries per region (null = unknown zone), deferred ones included; regions with none are left out.</summary>
    public IReadOnlyDictionary<string?, int> ReadyByRegion()
    {
        var counts = new RegionCounts();
        for (var r = 0; r < _heaps.Length; r++)
        {
            if (r != MixedRegion && _heaps[r] is { Count: > 0 } heap)
                counts.Add(heap.Name, heap.Count);
        }
        foreach (var (region, count) in _mixedCounts)
            counts.Add(region, count);
        foreach (var slot in _deferred.Values)
            counts.Add(slot.Region, 1);
        return counts;
    }

    private static long KeyOf(int priority, DateTimeOffset insertedAt)
    {
        if (priority is < 0 or > 99)
            throw new ArgumentOutOfRangeException(nameof(priority), priority, "A hopper priority is 0-99.");
        return ((long)(99 - priority) << RankShift) | MicrosOf(insertedAt);
    }

    private static long MicrosOf(DateTimeOffset time)
    {
        var micros = (time.UtcTicks - EpochTicks) / 10;
        if (micros is < 0 or > MicrosMask)
            throw new ArgumentOutOfRangeException(nameof(time), time, "A hopper time is after 2000-01-01.");
        return micros;
    }

    private static InvalidOperationException FullRegion(string? region) =>
        new($"A hopper holds at most {MaxHeapItems} READY entries per dial region ('{region ?? "unknown zone"}').");

    private static DateTimeOffset TimeOf(long micros) => new(EpochTicks + micros * 10, TimeSpan.Zero);

    private HopperEntry EntryOf(long key, long leadId, string? region) => new(
        leadId, 99 - (int)(key >>> RankShift), TimeOf(key & MicrosMask),
        _expiresAt.TryGetValue(leadId, out var expiresAt) ? expiresAt : null, region);

    /// <summary>Deferred entries whose time has come go back to their region's heap: O(due log n).</summary>
    private void ReturnDue(DateTimeOffset now)
    {
        while (_deferEnds.Count > 0)
        {
            var first = _deferEnds.Min;
            if (first.Until > now)
                break;
            var slot = _deferred[first.LeadId];
            Insert(new HeapItem(slot.Key, first.LeadId), slot.Region); // first: it throws, changing nothing, if the heap is full
            _deferEnds.Remove(first);
            _deferred.Remove(first.LeadId);
        }
    }

    private void ReplaceExpiry(long leadId, DateTimeOffset? expiresAt)
    {
        ForgetExpiry(leadId);
        if (expiresAt is { } at)
            RememberExpiry(leadId, at);
    }

    private void RememberExpiry(long leadId, DateTimeOffset at)
    {
        _expiresAt[leadId] = at;
        _expiring.Add((at, leadId));
    }

    private void ForgetExpiry(long leadId)
    {
        if (_expiresAt.Remove(leadId, out var at))
            _expiring.Remove((at, leadId));
    }

    private void AddLease(LeaseSlot slot, Guid leaseId)
    {
        _byLease[leaseId] = slot;
        _leaseOf[slot.LeadId] = leaseId;
        _leaseEnds.Add((slot.Until, leaseId));
    }

    /// <summary>
    /// Grows the lead table by a quarter, not the default doubling (to the next prime above twice the size): a
    /// hopper filled by commit notices then holds at most ~25% spare slots instead of up to ~100%. More frequent,
    /// smaller rehashes, each O(entries).
    /// </summary>
    private void GrowGently()
    {
        if (_position.Count == _position.Capacity)
            _position.EnsureCapacity(_position.Count + Math.Max(16, _position.Count / 4));
    }

    // Leases and deferred entries keep their region by name, not by heap: a heap's index may be given to another
    // region while it is empty (see Insert).
    private readonly record struct LeaseSlot(long LeadId, long Key, string? Region, string Dialer, DateTimeOffset Until);

    private readonly record struct DeferredSlot(long Key, string? Region, DateTimeOffset Until);
}
