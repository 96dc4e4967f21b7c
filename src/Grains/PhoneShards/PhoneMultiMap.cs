namespace Leadline.Grains.PhoneShards;

/// <summary>
/// A hash multimap from a 64-bit key (a packed phone number) to values of <typeparamref name="T"/>, held in
/// two arrays: no object per key or per value, so a shard of a million leads is a few large arrays the
/// GC never walks entry by entry (a Dictionary of lists was ~7 objects and ~430 bytes per lead).
/// A key may have several values (a phone with several leads); they share one chain.
/// <para>
/// Entries are addressed by index: <see cref="First"/> / <see cref="Next"/> walk one key's values,
/// <see cref="IsLive"/> over 0..<see cref="HighWater"/> walks all of them. Removing an entry puts it on a
/// free list; an index stays valid until that entry is removed. Not thread-safe: a grain's turn owns it.
/// </para>
/// </summary>
public sealed class PhoneMultiMap<T> where T : struct
{
    private struct Entry
    {
        public long Key;
        /// <summary>Next entry of the chain (-1 = end); a free entry holds <c>FreeListStart - nextFree</c>.</summary>
        public int Next;
        public T Value;
    }

    private const int FreeListStart = -3;

    private int[] _buckets = [];  // 1-based index of the chain's first entry; 0 = empty chain
    private Entry[] _entries = [];
    private int _bucketShift = 64;
    private int _used;
    private int _freeList = -1;
    private int _freeCount;

    public int Count => _used - _freeCount;

    /// <summary>Entries ever handed out and not trimmed: the bound of an index walk with <see cref="IsLive"/>.</summary>
    public int HighWater => _used;

    /// <summary>Room for <paramref name="capacity"/> entries without growing (a shard loading a known count).</summary>
    public void EnsureCapacity(int capacity)
    {
        if (capacity > _entries.Length)
            Resize(capacity);
    }

    public int Add(long key, in T value)
    {
        int index;
        if (_freeCount > 0)
        {
            index = _freeList;
            _freeList = FreeListStart - _entries[index].Next;
            _freeCount--;
        }
        else
        {
            if (_used == _entries.Length)
                Resize(_entries.Length < 8 ? 8 : _entries.Length + _entries.Length / 2); // ×1.5: at most a third unused
            index = _used++;
        }
        ref var bucket = ref _buckets[BucketOf(key)];
        ref var entry = ref _entries[index];
        entry.Key = key;
        entry.Value = value;
        entry.Next = bucket - 1;
        bucket = index + 1;
        return index;
    }

    /// <summary>The first entry of <paramref name="key"/>, or -1.</summary>
    public int First(long key) =>
        _buckets.Length == 0 ? -1 : SkipOthers(_buckets[BucketOf(key)] - 1, key);

    /// <summary>The entry of the same key after <paramref name="index"/>, or -1.</summary>
    public int Next(int index) => SkipOthers(_entries[index].Next, _entries[index].Key);

    public bool ContainsKey(long key) => First(key) >= 0;

    public long KeyAt(int index) => _entries[index].Key;

    public ref T ValueAt(int index) => ref _entries[index].Value;

    public bool IsLive(int index) => index < _used && _entries[index].Next >= -1;

    /// <summary>Removes the entry at <paramref name="index"/> (from <see cref="First"/>, <see cref="Next"/> or a walk).</summary>
    public void RemoveAt(int index)
    {
        ref var entry = ref _entries[index];
        ref var bucket = ref _buckets[BucketOf(entry.Key)];
        if (bucket - 1 == index)
            bucket = entry.Next + 1;
        else
        {
            var previous = bucket - 1;
            while (_entries[previous].Next != index)
                previous = _entries[previous].Next;
            _entries[previous].Next = entry.Next;
        }
        entry.Value = default; // a value holding references (a pending lead's Task) must not stay reachable
        entry.Next = FreeListStart - _freeList;
        _freeList = index;
        _freeCount++;
    }

    private int SkipOthers(int index, long key)
    {
        while (index >= 0 && _entries[index].Key != key)
            index = _entries[index].Next;
        return index;
    }

    private int BucketOf(long key) =>
        (int)((ulong)key * 0x9E3779B97F4A7C15UL >> _bucketShift); // Fibonacci hashing: consecutive numbers spread out

    private void Resize(int capacity)
    {
        Array.Resize(ref _entries, capacity);
        if (_buckets.Length >= capacity)
            return;
        // One bucket per entry slot at least, a power of two (4 bytes each): chains stay short.
        var bits = Math.Max(3, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(capacity - 1)));
        _buckets = new int[1 << bits];
        _bucketShift = 64 - bits;
        // Free entries are in no chain, so they are relinked only through the free list, which does not change.
        for (var i = 0; i < _used; i++)
        {
            ref var entry = ref _entries[i];
            if (entry.Next < -1)
                continue;
            ref var bucket = ref _buckets[BucketOf(entry.Key)];
            entry.Next = bucket - 1;
            bucket = i + 1;
        }
    }
}
