using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Leadline.Grains.Hopper;

/// <summary>
/// The READY entries: one binary min-heap of 16-byte items per dial region. A READY entry's position is one int,
/// (region index &lt;&lt; 23) | heap index, so the lead table stays a Dictionary&lt;long, int&gt;.
/// <para>
/// Region indexes: 0 is the unknown zone (null region); 1..254 are given to regions as they first come and given
/// again to another region when all are taken and one's heap is empty (leases and deferred entries keep their
/// region by name, so nothing points at an index but READY items). A campaign has tens of regions; should more than
/// 254 hold READY entries at once, the extra ones share heap 255, "mixed", whose items carry their region in a side
/// table: still correct, but a pull walks the mixed heap's entries of closed regions too. A heap holds at most
/// 2^23 (8,388,608) entries.
/// </para>
/// </summary>
public sealed partial class HopperQueue
{
    private const int IndexBits = 23;
    private const int IndexMask = (1 << IndexBits) - 1;
    private const int MaxHeapItems = IndexMask + 1;
    private const int UnknownRegion = 0;
    private const int MixedRegion = 255;

    private RegionHeap?[] _heaps = [];
    private readonly Dictionary<string, int> _regionIndex = new(StringComparer.Ordinal);
    private int _namedRegions; // indexes 1.._namedRegions have been given out
    private int _emptyNamedHeaps; // of those, how many heaps are empty (may be given to another region)
    private int _inHeaps;
    private readonly Dictionary<long, string> _mixedRegionOf = []; // only items of the mixed heap
    private readonly Dictionary<string, int> _mixedCounts = new(StringComparer.Ordinal);

    private static int Code(int region, int index) => (region << IndexBits) | index;

    private static int RegionOf(int code) => code >>> IndexBits;

    private static int IndexOf(int code) => code & IndexMask;

    private static bool IsNamed(int region) => region is > UnknownRegion and < MixedRegion;

    private HeapItem ItemAt(int code) => _heaps[RegionOf(code)]!.Items[IndexOf(code)];

    private string? RegionNameAt(int code, long leadId) =>
        RegionOf(code) == MixedRegion ? _mixedRegionOf[leadId] : _heaps[RegionOf(code)]!.Name;

    /// <summary>The queue's own copy of a region name when it has one, so leases and deferred entries share it.</summary>
    private string? SharedName(string? region) =>
        region is not null && _regionIndex.TryGetValue(region, out var r) ? _heaps[r]!.Name : region;

    private IEnumerable<RegionHeap> Heaps() => _heaps.OfType<RegionHeap>();

    /// <summary>Puts an item in <paramref name="region"/>'s heap, or throws before changing anything when that heap is full.</summary>
    private void Insert(HeapItem item, string? region) => InsertInto(HeapOf(region), item, region);

    private void InsertInto(int r, HeapItem item, string? region)
    {
        var heap = _heaps[r]!;
        if (heap.Count == heap.Items.Length)
        {
            if (heap.Count == MaxHeapItems)
                throw FullRegion(region);
            Array.Resize(ref heap.Items, Math.Min(MaxHeapItems, Math.Max(16, heap.Items.Length + heap.Items.Length / 4)));
        }
        if (r == MixedRegion)
        {
            _mixedRegionOf[item.LeadId] = region!;
            CollectionsMarshal.GetValueRefOrAddDefault(_mixedCounts, region!, out _)++;
        }
        if (heap.Count == 0 && IsNamed(r))
            _emptyNamedHeaps--;
        heap.Items[heap.Count] = item;
        _inHeaps++;
        SiftUp(heap, r, heap.Count++);
    }

    private bool IsFull(int r) => _heaps[r]!.Count == MaxHeapItems;

    /// <summary>Takes the item at <paramref name="code"/> out of its heap; its lead's position is the caller's to change.</summary>
    private (HeapItem Item, string? Region) TakeOut(int code)
    {
        var r = RegionOf(code);
        var heap = _heaps[r]!;
        var at = IndexOf(code);
        var item = heap.Items[at];
        var region = heap.Name;
        if (r == MixedRegion)
        {
            _mixedRegionOf.Remove(item.LeadId, out region);
            ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(_mixedCounts, region!);
            if (--count == 0)
                _mixedCounts.Remove(region!);
        }
        var last = --heap.Count;
        _inHeaps--;
        if (at != last)
        {
            heap.Items[at] = heap.Items[last];
            SiftDown(heap, r, at);
            SiftUp(heap, r, at);
        }
        heap.Items[last] = default;
        if (last == 0 && IsNamed(r))
            _emptyNamedHeaps++;
        return (item, region);
    }

    /// <summary>The heap for <paramref name="region"/>, given an index if it has none (see the class comment).</summary>
    private int HeapOf(string? region)
    {
        if (region is null)
            return HeapAt(UnknownRegion, null);
        if (_regionIndex.TryGetValue(region, out var r))
            return r;
        if (_namedRegions < MixedRegion - 1)
            r = HeapAt(++_namedRegions, region);
        else if (_emptyNamedHeaps > 0)
        {
            r = Array.FindIndex(_heaps, 1, MixedRegion - 1, heap => heap!.Count == 0);
            _regionIndex.Remove(_heaps[r]!.Name!);
            _heaps[r]!.Name = region;
        }
        else
            return HeapAt(MixedRegion, null);
        _regionIndex[region] = r;
        return r;
    }

    private int HeapAt(int r, string? name)
    {
        if (r >= _heaps.Length)
            Array.Resize(ref _heaps, Math.Min(MixedRegion + 1, Math.Max(r + 1, _heaps.Length * 2)));
        if (_heaps[r] is null)
        {
            _heaps[r] = new RegionHeap(name);
            if (IsNamed(r))
                _emptyNamedHeaps++;
        }
        return r;
    }

    private void SiftUp(RegionHeap heap, int r, int i)
    {
        var items = heap.Items;
        var item = items[i];
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!HeapItem.Before(item, items[parent]))
                break;
            Place(items, items[parent], r, i);
            i = parent;
        }
        Place(items, item, r, i);
    }

    private void SiftDown(RegionHeap heap, int r, int i)
    {
        var items = heap.Items;
        var count = heap.Count;
        var item = items[i];
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= count)
                break;
            if (child + 1 < count && HeapItem.Before(items[child + 1], items[child]))
                child++;
            if (!HeapItem.Before(items[child], item))
                break;
            Place(items, items[child], r, i);
            i = child;
        }
        Place(items, item, r, i);
    }

    private void Place(HeapItem[] items, HeapItem item, int r, int i)
    {
        items[i] = item;
        ref var position = ref CollectionsMarshal.GetValueRefOrAddDefault(_position, item.LeadId, out _);
        position = Code(r, i);
    }

    private sealed class RegionHeap(string? name)
    {
        public string? Name = name;
        public HeapItem[] Items = [];
        public int Count;
    }

    private readonly record struct HeapItem(long Key, long LeadId)
    {
        public static readonly IComparer<HeapItem> Order = Comparer<HeapItem>.Create((a, b) =>
            a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.LeadId.CompareTo(b.LeadId));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Before(HeapItem a, HeapItem b) => a.Key < b.Key || (a.Key == b.Key && a.LeadId < b.LeadId);
    }

    /// <summary>
    /// Whether a region is open, asked at most once per region per call (a pull, a count, a status): per heap index
    /// in a stack buffer, and by name for the mixed heap's regions.
    /// </summary>
    private ref struct RegionGate
    {
        private readonly HopperQueue _queue;
        private readonly Func<string?, bool> _regionOpen;
        private readonly Span<sbyte> _byHeap; // 0 not asked yet, 1 open, -1 closed
        private Dictionary<string, bool>? _byName;

        public RegionGate(HopperQueue queue, Func<string?, bool> regionOpen, Span<sbyte> byHeap)
        {
            _queue = queue;
            _regionOpen = regionOpen;
            _byHeap = byHeap;
            _byHeap.Clear();
        }

        public bool IsOpen(int r)
        {
            if (_byHeap[r] == 0)
                _byHeap[r] = _regionOpen(_queue._heaps[r]!.Name) ? (sbyte)1 : (sbyte)-1;
            return _byHeap[r] > 0;
        }

        public bool IsOpen(string region)
        {
            if (_queue._regionIndex.TryGetValue(region, out var r))
                return IsOpen(r);
            _byName ??= new(StringComparer.Ordinal);
            if (!_byName.TryGetValue(region, out var open))
                _byName[region] = open = _regionOpen(region);
            return open;
        }
    }
}
