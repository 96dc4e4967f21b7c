using Leadline.Grains.Hopper;

namespace Leadline.UnitTests.Hopper;

/// <summary>Dial regions: only open regions' entries are handed out, in one dial order across regions.</summary>
public class HopperQueueRegionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private const string Florida = "US-FL|America/New_York";
    private const string Texas = "US-TX|America/Chicago";
    private const string California = "US-CA|America/Los_Angeles";

    private static HopperEntry Entry(long leadId, int priority, int secondsAfterT0, string? region, DateTimeOffset? expiresAt = null) =>
        new(leadId, priority, T0.AddSeconds(secondsAfterT0), expiresAt, region);

    private static long[] Ids(IEnumerable<HopperEntry> entries) => entries.Select(e => e.LeadId).ToArray();

    private static Func<string?, bool> Open(params string?[] regions) => region => regions.Contains(region);

    private static long[] DialOrder(IEnumerable<HopperEntry> ready) =>
        ready.OrderByDescending(e => e.Priority).ThenBy(e => e.InsertedAt).ThenBy(e => e.LeadId).Select(e => e.LeadId).ToArray();

    [Fact]
    public void A_closed_regions_entries_are_never_offered_and_come_back_in_order_when_it_opens()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 50, 0, Florida));
        queue.Upsert(Entry(2, 99, 1, California));
        queue.Upsert(Entry(3, 50, 2, Florida));
        queue.Upsert(Entry(4, 10, 3, California));
        queue.Upsert(Entry(5, 99, 4, California));

        Assert.Equal([1, 3], Ids(queue.PeekDialable(10, T0, Open(Florida))));
        Assert.Empty(queue.PeekDialable(10, T0, Open(Texas)));
        Assert.Equal(5, queue.ReadyCount); // waiting, not dropped

        Assert.Equal([2, 5, 4], Ids(queue.PeekDialable(10, T0, Open(California))));
        Assert.Equal([2, 5, 1, 3, 4], Ids(queue.PeekDialable(10, T0, Open(Florida, California))));
    }

    [Fact]
    public void Open_regions_merge_into_one_dial_order()
    {
        var queue = new HopperQueue();
        var entries = new List<HopperEntry>();
        string?[] regions = [Florida, Texas, California, null];
        for (var leadId = 1; leadId <= 200; leadId++)
        {
            var entry = Entry(leadId, leadId % 4 * 33, (leadId * 37) % 50, regions[leadId * 7 % 4]);
            entries.Add(entry);
            queue.Upsert(entry);
        }

        Assert.Equal(DialOrder(entries), Ids(queue.PeekDialable(1_000, T0, _ => true)));
        Assert.Equal(DialOrder(entries.Where(e => e.Region is Texas or null)), Ids(queue.PeekDialable(1_000, T0, Open(Texas, null))));
        Assert.Equal(DialOrder(entries).Take(7), Ids(queue.PeekDialable(7, T0, _ => true)));
    }

    [Fact]
    public void Offered_and_expired_entries_carry_their_region()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 99, 0, Texas, expiresAt: T0.AddMinutes(1)));
        queue.Upsert(Entry(2, 50, 0, null));

        Assert.Equal<string?[]>([Texas, null], queue.PeekDialable(10, T0, _ => true).Select(e => e.Region).ToArray());
        Assert.Equal(Texas, Assert.Single(queue.ExpiredReady(T0.AddMinutes(1))).Region);
    }

    [Fact]
    public void The_unknown_zone_is_a_region_of_its_own()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 99, 0, null));
        queue.Upsert(Entry(2, 10, 0, Florida));

        Assert.Equal([2], Ids(queue.PeekDialable(10, T0, region => region is not null)));
        Assert.Equal([1], Ids(queue.PeekDialable(10, T0, region => region is null)));
        Assert.Equal(1, queue.ReadyByRegion()[null]);
    }

    [Fact]
    public void Changes_in_one_region_leave_another_regions_offer_as_it_was()
    {
        var queue = new HopperQueue();
        for (var leadId = 1; leadId <= 50; leadId++)
            queue.Upsert(Entry(leadId, leadId % 3 * 40, leadId, leadId % 2 == 0 ? Florida : Texas));
        var florida = queue.PeekDialable(100, T0, Open(Florida));

        for (var leadId = 51; leadId <= 80; leadId++)
            queue.Upsert(Entry(leadId, 99, -leadId, Texas)); // ahead of everything
        queue.Remove(1, T0);
        queue.Lease(3, Guid.NewGuid(), "d", T0.AddMinutes(1));
        queue.Upsert(Entry(5, 99, 100, Texas));

        Assert.Equal(florida, queue.PeekDialable(100, T0, Open(Florida)));
        Assert.Equal(25, queue.ReadyByRegion()[Florida]);
    }

    [Fact]
    public void A_released_lease_goes_back_to_its_region_in_its_old_position()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 50, 0, Florida));
        queue.Upsert(Entry(2, 50, 1, Texas));
        queue.Upsert(Entry(3, 50, 2, Florida));
        var lease = Guid.NewGuid();
        queue.Lease(1, lease, "d", T0.AddMinutes(1));
        Assert.Equal(Florida, queue.FindLease(lease)?.Region);

        Assert.True(queue.Release(lease));

        Assert.Equal([2], Ids(queue.PeekDialable(10, T0, Open(Texas))));
        Assert.Equal([1, 3], Ids(queue.PeekDialable(10, T0, Open(Florida))));
        Assert.Equal([1, 2, 3], Ids(queue.PeekDialable(10, T0, _ => true)));
    }

    [Fact]
    public void A_restored_lease_keeps_its_region()
    {
        var queue = new HopperQueue();
        var lease = Guid.NewGuid();
        queue.RestoreLease(Entry(1, 50, 0, California), lease, "d", T0.AddMinutes(1));

        Assert.Equal(Entry(1, 50, 0, California), queue.FindLease(lease));
        queue.Release(lease);
        Assert.Empty(queue.PeekDialable(10, T0, Open(Florida)));
        Assert.Equal([1], Ids(queue.PeekDialable(10, T0, Open(California))));
    }

    [Fact]
    public void An_upsert_with_another_region_moves_the_entry()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 50, 0, Florida));
        queue.Upsert(Entry(2, 50, 1, Florida));

        Assert.True(queue.Upsert(Entry(1, 50, 0, California)));

        Assert.Equal([2], Ids(queue.PeekDialable(10, T0, Open(Florida))));
        Assert.Equal(California, Assert.Single(queue.PeekDialable(10, T0, Open(California))).Region);
        Assert.Equal([(California, 1), (Florida, 1)], queue.ReadyByRegion().Select(p => (p.Key, p.Value)).OrderBy(p => p.Key));
        Assert.Equal(2, queue.ReadyCount);
    }

    [Fact]
    public void DialableCount_counts_open_regions_and_Status_counts_the_rest_as_waiting()
    {
        var queue = new HopperQueue();
        for (var leadId = 1; leadId <= 10; leadId++)
            queue.Upsert(Entry(leadId, 50, leadId, leadId <= 6 ? Florida : leadId <= 9 ? Texas : null));
        queue.Lease(1, Guid.NewGuid(), "d", T0.AddMinutes(1));

        Assert.Equal(5, queue.DialableCount(T0, Open(Florida)));
        Assert.Equal(8, queue.DialableCount(T0, Open(Florida, Texas)));
        Assert.Equal(9, queue.DialableCount(T0, _ => true));
        Assert.Equal(0, queue.DialableCount(T0, _ => false));

        var status = queue.Status(T0, Open(Florida));
        Assert.Equal(4, status.Waiting); // 3 in Texas, 1 in the unknown zone
        Assert.Equal(new Dictionary<int, int> { [50] = 9 }, status.ReadyByPriority); // every READY entry, waiting or not
        Assert.Equal(1, status.Leased);
        Assert.Equal(0, queue.Status(T0, _ => true).Waiting);
    }

    [Fact]
    public void ReadyByRegion_counts_each_region_and_leaves_empty_ones_out()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 50, 0, Florida));
        queue.Upsert(Entry(2, 50, 0, Florida));
        queue.Upsert(Entry(3, 50, 0, null));
        queue.Upsert(Entry(4, 50, 0, Texas));
        queue.Remove(4, T0);

        var byRegion = queue.ReadyByRegion();

        Assert.Equal(2, byRegion.Count);
        Assert.Equal(2, byRegion[Florida]);
        Assert.Equal(1, byRegion[null]);
        Assert.False(byRegion.ContainsKey(Texas));
        Assert.Throws<KeyNotFoundException>(() => byRegion[Texas]);
        Assert.Equal([null, Florida], byRegion.Keys.Order());
        Assert.Empty(new HopperQueue().ReadyByRegion());
    }

    [Fact]
    public void Each_region_is_asked_at_most_once_per_peek_count_and_status()
    {
        var queue = new HopperQueue();
        string?[] regions = [Florida, Texas, California, null];
        for (var leadId = 1; leadId <= 400; leadId++)
            queue.Upsert(Entry(leadId, leadId % 5 * 20, leadId % 17, regions[leadId % 4]));
        var asked = new List<string?>();
        bool Ask(string? region)
        {
            asked.Add(region);
            return region != Texas;
        }

        Assert.Equal(300, queue.PeekDialable(1_000, T0, Ask).Count);
        Assert.Equal(4, asked.Count);
        Assert.Equal(4, asked.Distinct().Count());

        asked.Clear();
        Assert.Equal(300, queue.DialableCount(T0, Ask));
        Assert.Equal(4, asked.Count);

        asked.Clear();
        Assert.Equal(100, queue.Status(T0, Ask).Waiting);
        Assert.Equal(4, asked.Count);
    }

    [Fact]
    public void Sixty_regions_each_offer_only_their_own_entries_in_dial_order()
    {
        var random = new Random(60);
        var regions = Enumerable.Range(0, 60).Select(i => $"R{i}|Zone/{i % 7}").ToArray();
        var queue = new HopperQueue();
        var entries = new List<HopperEntry>();
        for (var leadId = 1; leadId <= 6_000; leadId++)
        {
            var entry = Entry(leadId, random.Next(3) * 45, random.Next(1_000), regions[random.Next(regions.Length)]);
            entries.Add(entry);
            queue.Upsert(entry);
        }

        for (var round = 0; round < 20; round++)
        {
            var open = regions.Where(_ => random.Next(2) == 0).ToHashSet();
            var expected = DialOrder(entries.Where(e => open.Contains(e.Region!)));
            Assert.Equal(expected.Take(500), Ids(queue.PeekDialable(500, T0, region => open.Contains(region!))));
            Assert.Equal(expected.Length, queue.DialableCount(T0, region => open.Contains(region!)));
        }
        Assert.Equal(60, queue.ReadyByRegion().Count);
    }

    [Fact]
    public void More_regions_than_heap_indexes_still_offer_only_open_regions_in_dial_order()
    {
        var queue = new HopperQueue();
        var entries = new Dictionary<long, HopperEntry>();
        void Add(long leadId, int region)
        {
            entries[leadId] = Entry(leadId, (int)(leadId % 3 * 40), (int)(leadId % 13), $"R{region}");
            queue.Upsert(entries[leadId]);
        }
        void AssertOffers(Func<int, bool> isOpen)
        {
            bool RegionOpen(string? region) => isOpen(int.Parse(region![1..]));
            var expected = DialOrder(entries.Values.Where(e => RegionOpen(e.Region)));
            Assert.Equal(expected, Ids(queue.PeekDialable(10_000, T0, RegionOpen)));
            Assert.Equal(expected.Length, queue.DialableCount(T0, RegionOpen));
            Assert.Equal(entries.Count - expected.Length, queue.Status(T0, RegionOpen).Waiting);
        }

        for (var leadId = 1; leadId <= 600; leadId++)
            Add(leadId, leadId % 300); // R1..R254 first: the rest share the mixed heap
        AssertOffers(region => region % 2 == 0);
        Assert.Equal(300, queue.ReadyByRegion().Count);

        foreach (var leadId in entries.Keys.Where(id => id % 300 is >= 1 and <= 50).ToList())
        {
            queue.Remove(leadId, T0);
            entries.Remove(leadId);
        }
        for (var leadId = 601; leadId <= 700; leadId++)
            Add(leadId, 300 + leadId % 40); // 40 new regions take emptied heaps
        Add(701, 270); // a region of the mixed heap (leads 270, 570) gets one of the 10 left for its new entries
        AssertOffers(region => region % 3 != 0);
        Assert.Equal(3, queue.ReadyByRegion()["R270"]);

        var lease = Guid.NewGuid();
        queue.Lease(601, lease, "d", T0.AddMinutes(1));
        Assert.Equal("R301", queue.FindLease(lease)?.Region);
        queue.Release(lease);
        AssertOffers(region => region is 301 or 270);
        Assert.Equal(entries.Count, queue.ReadyCount);
    }
}
