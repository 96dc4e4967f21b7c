using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Leadline.Grains.Hopper;

/// <summary>
/// A campaign's hopper in memory: READY entries in dial order (priority 99 first, then oldest
/// insertion, then lead id) and the entries leased to dialers. Pure, so ordering and lease rules are
/// tested without a silo; <see cref="HopperGrain"/> persists every change before making it here.
/// <para>
/// Compact, because a hopper holds every READY entry of its campaign: a READY entry is one 16-byte heap
/// item (dial key + lead id) and one lead id → heap index pair, no object and no string (about 46 bytes
/// when sized at load, at most about 56 when grown entry by entry: tables grow by a quarter). The lead's details are read from leads when it is leased. Entries with an expiry,
/// and leases (a few per dialer), keep more in side tables.
/// </para>
/// </summary>
public sealed class HopperQueue
{
    private const int Leased = -1;
    // Dial key: (99 − priority) in bits 62..56, microseconds since 2000-01-01 (PostgreSQL's precision,
    // see HopperTime) in bits 55..0, so one long compares as priority desc, then insertion asc.
    private const int RankShift = 56;
    private const long MicrosMask = (1L << RankShift) - 1;
    private static readonly long EpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private HeapItem[] _heap = [];
    private int _ready;
    private readonly Dictionary<long, int> _position = []; // every entry: its heap index, or Leased
    private readonly Dictionary<long, DateTimeOffset> _expiresAt = []; // only entries that have an expiry
    private readonly SortedSet<(DateTimeOffset At, long LeadId)> _expiring = []; // the same, ready or leased, by time
    private readonly Dictionary<Guid, LeaseSlot> _byLease = [];
    private readonly Dictionary<long, Guid> _leaseOf = [];
    private readonly SortedSet<(DateTimeOffset Until, Guid LeaseId)> _leaseEnds = []; // so a pull finds lapsed leases without a scan

    // Insertion times of entries that left recently (acked, removed, expired), so a late notice of an
    // older commit cannot bring one back. Pruned by ForgetGoneBefore.
    private readonly Dictionary<long, (long InsertedMicros, DateTimeOffset GoneAt)> _gone = [];

    public int ReadyCount => _ready;
    public int LeasedCount => _byLease.Count;

    public bool Contains(long leadId) => _position.ContainsKey(leadId);

    /// <summary>Sizes the tables for <paramref name="entries"/> at once (a hopper loading its table), so they do not grow by doubling.</summary>
    public void EnsureCapacity(int entries)
    {
        _position.EnsureCapacity(entries);
        if (_heap.Length < entries)
            Array.Resize(ref _heap, entries);
    }

    /// <summary>Compared with the table's (see HopperStore.FingerprintAsync) to notice a difference cheaply.</summary>
    public (long Count, decimal LeadIdSum) Fingerprint()
    {
        decimal sum = 0;
        foreach (var leadId in _position.Keys)
            sum += leadId;
        return (_position.Count, sum);
    }

    public List<long> ReadyLeadIds()
    {
        var ids = new List<long>(_ready);
        for (var i = 0; i < _ready; i++)
            ids.Add(_heap[i].LeadId);
        return ids;
    }

    public bool IsLeased(long leadId) => _position.TryGetValue(leadId, out var at) && at == Leased;

    /// <summary>
    /// Adds a READY entry or replaces a READY entry's priority and position. Leased entries are left alone,
    /// and so is anything older than what this queue already holds or recently let go of for that lead.
    /// </summary>
    public bool Upsert(HopperEntry entry)
    {
        var key = KeyOf(entry.Priority, entry.InsertedAt);
        var micros = key & MicrosMask;
        if (_gone.TryGetValue(entry.LeadId, out var gone) && micros <= gone.InsertedMicros)
            return false;
        if (_position.TryGetValue(entry.LeadId, out var at))
        {
            if (at == Leased || micros < (_heap[at].Key & MicrosMask))
                return false;
            RemoveAt(at);
            ForgetExpiry(entry.LeadId);
        }
        else
            GrowGently();
        Push(new HeapItem(key, entry.LeadId));
        if (entry.ExpiresAt is { } expiresAt)
            RememberExpiry(entry.LeadId, expiresAt);
        return true;
    }

    /// <summary>Restores a leased entry as loaded from the table (a lease outlives a silo).</summary>
    public void RestoreLease(HopperEntry entry, Guid leaseId, string dialer, DateTimeOffset until)
    {
        GrowGently();
        _position[entry.LeadId] = Leased;
        AddLease(new LeaseSlot(entry.LeadId, KeyOf(entry.Priority, entry.InsertedAt), dialer, until), leaseId);
        if (entry.ExpiresAt is { } expiresAt)
            RememberExpiry(entry.LeadId, expiresAt);
    }

    /// <summary>
    /// The next READY entries in dial order that have not expired at <paramref name="now"/>, without
    /// changing anything: the caller persists the leases first, then calls <see cref="Lease"/>.
    /// </summary>
    public List<HopperEntry> PeekDialable(int count, DateTimeOffset now)
    {
        var result = new List<HopperEntry>(Math.Clamp(count, 0, _ready));
        if (count <= 0 || _ready == 0)
            return result;
        // Best-first walk of the heap from its root: the k first items in order, O(k log k), heap untouched.
        var frontier = new PriorityQueue<int, HeapItem>(HeapItem.Order);
        frontier.Enqueue(0, _heap[0]);
        while (result.Count < count && frontier.TryDequeue(out var i, out var item))
        {
            if (!(_expiresAt.TryGetValue(item.LeadId, out var expiresAt) && expiresAt <= now))
                result.Add(EntryOf(item.Key, item.LeadId)); // expired entries are never handed out
            for (var child = 2 * i + 1; child <= 2 * i + 2 && child < _ready; child++)
                frontier.Enqueue(child, _heap[child]);
        }
        return result;
    }

    public void Lease(long leadId, Guid leaseId, string dialer, DateTimeOffset until)
    {
        var at = _position[leadId];
        if (at == Leased)
            throw new InvalidOperationException($"Lead {leadId} is leased already.");
        var key = _heap[at].Key;
        RemoveAt(at);
        _position[leadId] = Leased;
        AddLease(new LeaseSlot(leadId, key, dialer, until), leaseId);
    }

    public HopperEntry? FindLease(Guid leaseId) =>
        _byLease.TryGetValue(leaseId, out var slot) ? EntryOf(slot.Key, slot.LeadId) : null;

    /// <summary>Back to READY in its old position (its insertion time is unchanged).</summary>
    public bool Release(Guid leaseId)
    {
        if (!_byLease.Remove(leaseId, out var slot))
            return false;
        _leaseOf.Remove(slot.LeadId);
        _leaseEnds.Remove((slot.Until, leaseId));
        Push(new HeapItem(slot.Key, slot.LeadId));
        return true;
    }

    /// <summary>
    /// Takes an entry out. One the queue does not hold (its commit notice may still be on the way) is
    /// remembered as gone as of <paramref name="now"/>, so that notice cannot bring it back.
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
        else
        {
            key = _heap[at].Key;
            RemoveAt(at);
        }
        _gone[leadId] = (key & MicrosMask, now);
        ForgetExpiry(leadId);
        return true;
    }

    /// <summary>READY entries whose expiry has come at <paramref name="now"/> (leased ones wait for their lease).</summary>
    public List<HopperEntry> ExpiredReady(DateTimeOffset now)
    {
        var expired = new List<HopperEntry>();
        foreach (var (at, leadId) in _expiring)
        {
            if (at > now)
                break;
            var position = _position[leadId];
            if (position != Leased)
                expired.Add(EntryOf(_heap[position].Key, leadId));
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
        var byRank = new int[100];
        var oldest = long.MaxValue;
        for (var i = 0; i < _ready; i++)
        {
            var key = _heap[i].Key;
            byRank[key >>> RankShift]++;
            oldest = Math.Min(oldest, key & MicrosMask);
        }
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
        return new HopperStatus(byPriority, _byLease.Count, oldest == long.MaxValue ? null : TimeOf(oldest), nextExpiry);
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

    private static DateTimeOffset TimeOf(long micros) => new(EpochTicks + micros * 10, TimeSpan.Zero);

    private HopperEntry EntryOf(long key, long leadId) => new(
        leadId, 99 - (int)(key >>> RankShift), TimeOf(key & MicrosMask),
        _expiresAt.TryGetValue(leadId, out var expiresAt) ? expiresAt : null);

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

    // ---- the binary min-heap of READY entries; every move records the item's index in _position

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

    private void Push(HeapItem item)
    {
        if (_ready == _heap.Length)
            Array.Resize(ref _heap, Math.Max(16, _heap.Length + _heap.Length / 4));
        _heap[_ready] = item;
        SiftUp(_ready++);
    }

    private void RemoveAt(int at)
    {
        var last = --_ready;
        if (at != last)
        {
            _heap[at] = _heap[last];
            SiftDown(at);
            SiftUp(at);
        }
        _heap[last] = default;
    }

    private void SiftUp(int i)
    {
        var item = _heap[i];
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!HeapItem.Before(item, _heap[parent]))
                break;
            Place(_heap[parent], i);
            i = parent;
        }
        Place(item, i);
    }

    private void SiftDown(int i)
    {
        var item = _heap[i];
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= _ready)
                break;
            if (child + 1 < _ready && HeapItem.Before(_heap[child + 1], _heap[child]))
                child++;
            if (!HeapItem.Before(_heap[child], item))
                break;
            Place(_heap[child], i);
            i = child;
        }
        Place(item, i);
    }

    private void Place(HeapItem item, int i)
    {
        _heap[i] = item;
        ref var position = ref CollectionsMarshal.GetValueRefOrAddDefault(_position, item.LeadId, out _);
        position = i;
    }

    private readonly record struct HeapItem(long Key, long LeadId)
    {
        public static readonly IComparer<HeapItem> Order = Comparer<HeapItem>.Create((a, b) =>
            a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.LeadId.CompareTo(b.LeadId));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Before(HeapItem a, HeapItem b) => a.Key < b.Key || (a.Key == b.Key && a.LeadId < b.LeadId);
    }

    private readonly record struct LeaseSlot(long LeadId, long Key, string Dialer, DateTimeOffset Until);
}
