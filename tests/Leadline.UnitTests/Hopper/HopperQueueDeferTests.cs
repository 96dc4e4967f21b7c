using Leadline.Grains.Hopper;

namespace Leadline.UnitTests.Hopper;

/// <summary>Deferred entries (their number reached its attempt cap): READY, kept, but not handed out before their time.</summary>
public class HopperQueueDeferTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private const string Florida = "US-FL|America/New_York";
    private const string Texas = "US-TX|America/Chicago";

    private static HopperEntry Entry(long leadId, int priority, int secondsAfterT0, string? region = Florida, DateTimeOffset? expiresAt = null) =>
        new(leadId, priority, T0.AddSeconds(secondsAfterT0), expiresAt, region);

    private static long[] Ids(IEnumerable<HopperEntry> entries) => entries.Select(e => e.LeadId).ToArray();

    private static bool AllOpen(string? region) => true;

    private static HopperQueue Queue(int entries)
    {
        var queue = new HopperQueue();
        for (var leadId = 1; leadId <= entries; leadId++)
            queue.Upsert(Entry(leadId, 50, leadId));
        return queue;
    }

    [Fact]
    public void A_deferred_entry_is_hidden_until_its_time_then_back_in_its_old_place()
    {
        var queue = Queue(5);

        queue.Defer(2, T0.AddHours(1));

        Assert.Equal([1, 3, 4, 5], Ids(queue.PeekDialable(10, T0, AllOpen)));
        Assert.Equal([1, 3, 4, 5], Ids(queue.PeekDialable(10, T0.AddHours(1).AddTicks(-10), AllOpen)));
        Assert.Equal([1, 2, 3, 4, 5], Ids(queue.PeekDialable(10, T0.AddHours(1), AllOpen)));
        Assert.Equal(Entry(2, 50, 2), queue.PeekDialable(10, T0.AddHours(1), AllOpen)[1]);
    }

    [Fact]
    public void A_deferred_entry_is_READY_but_waiting_and_not_dialable()
    {
        var queue = Queue(5);
        queue.Defer(2, T0.AddHours(1));
        queue.Defer(4, T0.AddHours(2));

        Assert.Equal(5, queue.ReadyCount);
        Assert.True(queue.Contains(2));
        Assert.False(queue.IsLeased(2));
        Assert.Equal([1, 2, 3, 4, 5], queue.ReadyLeadIds().Order());
        Assert.Equal((5, 15m), queue.Fingerprint());
        Assert.Equal(5, queue.ReadyByRegion()[Florida]);
        Assert.Equal(3, queue.DialableCount(T0, AllOpen));
        var status = queue.Status(T0, AllOpen);
        Assert.Equal(2, status.Waiting);
        Assert.Equal(new Dictionary<int, int> { [50] = 5 }, status.ReadyByPriority);

        Assert.Equal(4, queue.DialableCount(T0.AddHours(1), AllOpen));
        Assert.Equal(1, queue.Status(T0.AddHours(1), AllOpen).Waiting);
        Assert.Equal(0, queue.Status(T0.AddHours(2), AllOpen).Waiting);
    }

    [Fact]
    public void A_deferred_entry_of_a_closed_region_goes_back_to_waiting_for_its_region()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 50, 0, Texas));
        queue.Upsert(Entry(2, 50, 1, Florida));
        queue.Defer(1, T0.AddMinutes(1));
        bool FloridaOnly(string? region) => region == Florida;

        Assert.Equal([2], Ids(queue.PeekDialable(10, T0.AddMinutes(2), FloridaOnly)));
        Assert.Equal(1, queue.Status(T0.AddMinutes(2), FloridaOnly).Waiting);
        Assert.Equal([1, 2], Ids(queue.PeekDialable(10, T0.AddMinutes(2), AllOpen)));
    }

    [Fact]
    public void Deferring_again_sets_the_new_time_even_an_earlier_one()
    {
        var queue = Queue(3);
        queue.Defer(1, T0.AddHours(1));

        queue.Defer(1, T0.AddHours(3));
        Assert.Equal([2, 3], Ids(queue.PeekDialable(10, T0.AddHours(2), AllOpen)));

        queue.Defer(1, T0); // its time has come: back at the next peek
        Assert.Equal([1, 2, 3], Ids(queue.PeekDialable(10, T0.AddHours(2), AllOpen)));
    }

    [Fact]
    public void An_upsert_keeps_a_deferred_entry_deferred_with_its_new_priority_and_region()
    {
        var queue = Queue(3);
        queue.Defer(3, T0.AddHours(1));

        Assert.True(queue.Upsert(Entry(3, 99, 10, Texas)));
        Assert.False(queue.Upsert(Entry(3, 99, 5, Texas))); // older than what it holds

        Assert.Equal([1, 2], Ids(queue.PeekDialable(10, T0, AllOpen)));
        Assert.Equal(1, queue.ReadyByRegion()[Texas]);
        var back = queue.PeekDialable(10, T0.AddHours(1), AllOpen);
        Assert.Equal([3, 1, 2], Ids(back));
        Assert.Equal(Entry(3, 99, 10, Texas), back[0]);
    }

    [Fact]
    public void A_removed_deferred_entry_is_gone_and_a_late_notice_cannot_bring_it_back()
    {
        var queue = Queue(2);
        queue.Defer(1, T0.AddHours(1));

        Assert.True(queue.Remove(1, T0));

        Assert.False(queue.Contains(1));
        Assert.False(queue.Upsert(Entry(1, 50, 1)));
        Assert.Equal([2], Ids(queue.PeekDialable(10, T0.AddHours(2), AllOpen)));
        Assert.Equal(0, queue.Status(T0, AllOpen).Waiting);
    }

    [Fact]
    public void A_deferred_entry_cannot_be_leased_and_a_leased_one_is_not_deferred()
    {
        var queue = Queue(2);
        queue.Defer(1, T0.AddHours(1));
        Assert.Throws<InvalidOperationException>(() => queue.Lease(1, Guid.NewGuid(), "d", T0.AddMinutes(1)));

        var lease = Guid.NewGuid();
        queue.Lease(2, lease, "d", T0.AddMinutes(1));
        queue.Defer(2, T0.AddHours(1)); // with a dialer already: left alone
        Assert.True(queue.IsLeased(2));
        queue.Release(lease);
        Assert.Equal([2], Ids(queue.PeekDialable(10, T0, AllOpen)));

        queue.Defer(9, T0.AddHours(1)); // not held: nothing happens
        Assert.False(queue.Contains(9));
    }

    [Fact]
    public void A_deferred_entry_still_expires()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 50, 0, expiresAt: T0.AddMinutes(5)));
        queue.Defer(1, T0.AddHours(1));

        Assert.Equal(T0.AddMinutes(5), queue.Status(T0, AllOpen).NextExpiry);
        var expired = Assert.Single(queue.ExpiredReady(T0.AddMinutes(5)));
        Assert.Equal(Entry(1, 50, 0, expiresAt: T0.AddMinutes(5)), expired);
        Assert.True(queue.Remove(1, T0.AddMinutes(5)));
        Assert.False(queue.HasPendingExpiries);
    }
}
