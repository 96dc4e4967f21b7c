using Leadline.Grains.Hopper;

namespace Leadline.UnitTests.Hopper;

/// <summary>The compact queue's heap against a plain sort: dial order survives any mix of changes.</summary>
public class HopperQueueHeapTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static HopperEntry Entry(long leadId, int priority, double secondsAfterT0, DateTimeOffset? expiresAt = null) =>
        new(leadId, priority, T0.AddTicks((long)(secondsAfterT0 * TimeSpan.TicksPerSecond)), expiresAt);

    private static long[] Ids(IEnumerable<HopperEntry> entries) => entries.Select(e => e.LeadId).ToArray();

    private static long[] DialOrder(IEnumerable<HopperEntry> ready) =>
        ready.OrderByDescending(e => e.Priority).ThenBy(e => e.InsertedAt).ThenBy(e => e.LeadId).Select(e => e.LeadId).ToArray();

    [Fact]
    public void Random_adds_re_adds_removes_leases_and_releases_keep_the_dial_order_of_a_plain_sort()
    {
        var random = new Random(11);
        var queue = new HopperQueue();
        var ready = new Dictionary<long, HopperEntry>();
        var leased = new Dictionary<Guid, HopperEntry>();
        var clock = 0;
        for (var step = 0; step < 20_000; step++)
        {
            var leadId = random.Next(1, 2_000);
            switch (random.Next(6))
            {
                case 0 or 1 or 2: // add or re-add (newer), few priorities so ties in priority are common
                    var entry = Entry(leadId, random.Next(4) * 33, ++clock);
                    if (queue.Upsert(entry))
                        ready[leadId] = entry;
                    break;
                case 3:
                    queue.Remove(leadId, T0.AddSeconds(++clock));
                    ready.Remove(leadId);
                    foreach (var gone in leased.Where(l => l.Value.LeadId == leadId).ToList())
                        leased.Remove(gone.Key);
                    break;
                case 4 when ready.Count > 0: // lease the head, as a pull does
                    var head = queue.PeekDialable(1, T0)[0];
                    var leaseId = Guid.NewGuid();
                    queue.Lease(head.LeadId, leaseId, "d", T0.AddHours(1));
                    leased[leaseId] = ready[head.LeadId];
                    ready.Remove(head.LeadId);
                    break;
                case 5 when leased.Count > 0:
                    var (release, back) = leased.ElementAt(random.Next(leased.Count));
                    Assert.True(queue.Release(release));
                    leased.Remove(release);
                    ready[back.LeadId] = back;
                    break;
            }
            if (step % 1_000 == 0)
                Assert.Equal(DialOrder(ready.Values), Ids(queue.PeekDialable(int.MaxValue, T0)));
        }
        Assert.Equal(DialOrder(ready.Values), Ids(queue.PeekDialable(int.MaxValue, T0)));
        Assert.Equal(ready.Count, queue.ReadyCount);
        Assert.Equal(leased.Count, queue.LeasedCount);
        Assert.Equal(ready.Keys.Order(), queue.ReadyLeadIds().Order());
    }

    [Fact]
    public void Same_priority_and_insertion_time_go_by_lead_id()
    {
        var queue = new HopperQueue();
        foreach (var leadId in new long[] { 30, 10, 20 })
            queue.Upsert(Entry(leadId, 50, 0));

        Assert.Equal([10, 20, 30], Ids(queue.PeekDialable(10, T0)));
    }

    [Fact]
    public void A_released_entry_goes_back_between_its_old_neighbours_and_keeps_its_priority_and_times()
    {
        var queue = new HopperQueue();
        for (var leadId = 1; leadId <= 100; leadId++)
            queue.Upsert(Entry(leadId, 70, leadId, expiresAt: leadId == 50 ? T0.AddHours(1) : null));
        var lease = Guid.NewGuid();
        queue.Lease(50, lease, "d", T0.AddMinutes(1));
        Assert.DoesNotContain(50L, Ids(queue.PeekDialable(100, T0)));

        queue.Release(lease);

        var all = queue.PeekDialable(100, T0);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), Ids(all));
        Assert.Equal(Entry(50, 70, 50, T0.AddHours(1)), all[49]);
    }

    [Fact]
    public void Peeking_changes_nothing_and_skips_expired_entries_anywhere_in_the_heap()
    {
        var queue = new HopperQueue();
        for (var leadId = 1; leadId <= 50; leadId++)
            queue.Upsert(Entry(leadId, leadId % 3 * 40, leadId, expiresAt: leadId % 7 == 0 ? T0.AddSeconds(1) : null));

        var before = queue.PeekDialable(1_000, T0);
        var later = queue.PeekDialable(1_000, T0.AddSeconds(1));

        Assert.Equal(50, before.Count);
        Assert.Equal(before.Where(e => e.LeadId % 7 != 0), later);
        Assert.Equal(before, queue.PeekDialable(1_000, T0));
        Assert.Equal(50, queue.ReadyCount); // expired ones stay until the sweep takes them
        Assert.Equal(before.Take(5), queue.PeekDialable(5, T0));
        Assert.Empty(queue.PeekDialable(0, T0));
    }

    [Fact]
    public void An_expired_entry_released_after_its_expiry_is_found_by_the_sweep()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 99, 0, expiresAt: T0.AddMinutes(1)));
        var lease = Guid.NewGuid();
        queue.Lease(1, lease, "d", T0.AddMinutes(5));
        Assert.Empty(queue.ExpiredReady(T0.AddMinutes(2)));

        queue.Release(lease);

        Assert.Equal([1], Ids(queue.ExpiredReady(T0.AddMinutes(2))));
        Assert.Empty(queue.PeekDialable(10, T0.AddMinutes(2)));
    }

    [Fact]
    public void Status_counts_leased_entries_for_the_oldest_and_ready_ones_by_priority()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 0, -60));
        queue.Upsert(Entry(2, 0, 0));
        queue.Upsert(Entry(3, 99, 5));
        queue.Lease(1, Guid.NewGuid(), "d", T0.AddMinutes(1));

        var status = queue.Status(T0);

        Assert.Equal(new Dictionary<int, int> { [0] = 1, [99] = 1 }, status.ReadyByPriority);
        Assert.Equal(T0.AddSeconds(-60), status.OldestInsertedAt);
        Assert.Null(status.NextExpiry);
        Assert.Empty(new HopperQueue().Status(T0).ReadyByPriority);
    }

    [Fact]
    public void Times_are_kept_at_PostgreSQLs_microsecond_precision()
    {
        var queue = new HopperQueue();
        var at = T0.AddTicks(15); // 1.5 µs
        queue.Upsert(new HopperEntry(1, 10, at, null));

        Assert.Equal(HopperTime.Truncate(at), Assert.Single(queue.PeekDialable(1, T0)).InsertedAt);
    }

    [Fact]
    public void A_priority_outside_0_to_99_or_a_time_before_2000_is_refused()
    {
        var queue = new HopperQueue();

        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Upsert(Entry(1, 100, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Upsert(Entry(1, -1, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Upsert(new HopperEntry(1, 10, new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero), null)));
        Assert.Equal(0, queue.ReadyCount);
    }

    [Fact]
    public void Capacity_set_at_load_holds_a_full_hopper()
    {
        var queue = new HopperQueue();
        queue.EnsureCapacity(10_000);
        for (var leadId = 10_000; leadId >= 1; leadId--)
            queue.Upsert(Entry(leadId, 99, 0));

        Assert.Equal(Enumerable.Range(1, 10_000).Select(i => (long)i), Ids(queue.PeekDialable(10_000, T0)));
        Assert.Equal((10_000, 50_005_000m), queue.Fingerprint());
    }
}
