using Leadline.Grains.Hopper;

namespace Leadline.UnitTests.Hopper;

public class HopperQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static HopperEntry Entry(long leadId, int priority, int secondsAfterT0, DateTimeOffset? expiresAt = null) =>
        new(leadId, priority, T0.AddSeconds(secondsAfterT0), expiresAt);

    private static long[] Ids(IEnumerable<HopperEntry> entries) => entries.Select(e => e.LeadId).ToArray();

    [Fact]
    public void Priority_99_comes_first_and_fifo_within_a_priority()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 10, 0));
        queue.Upsert(Entry(2, 99, 5));
        queue.Upsert(Entry(3, 99, 1));
        queue.Upsert(Entry(4, 0, 0));
        queue.Upsert(Entry(5, 10, -1));

        Assert.Equal([3, 2, 5, 1, 4], Ids(queue.PeekDialable(10, T0)));
        Assert.Equal([3, 2], Ids(queue.PeekDialable(2, T0)));
    }

    [Fact]
    public void Expired_entries_are_never_offered()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 99, 0, expiresAt: T0.AddMinutes(1)));
        queue.Upsert(Entry(2, 50, 0));

        Assert.Equal([1, 2], Ids(queue.PeekDialable(10, T0.AddSeconds(59))));
        Assert.Equal([2], Ids(queue.PeekDialable(10, T0.AddMinutes(1))));
    }

    [Fact]
    public void A_leased_entry_is_not_offered_and_release_restores_its_old_position()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 99, 0));
        queue.Upsert(Entry(2, 99, 1));
        var lease = Guid.NewGuid();

        queue.Lease(1, lease, "d1", T0.AddMinutes(1));
        Assert.Equal([2], Ids(queue.PeekDialable(10, T0)));
        Assert.Equal(1, queue.LeasedCount);

        Assert.True(queue.Release(lease));
        Assert.Equal([1, 2], Ids(queue.PeekDialable(10, T0)));
        Assert.False(queue.Release(lease)); // no longer a lease
    }

    [Fact]
    public void Lapsed_leases_are_reported_at_their_end()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 99, 0));
        var lease = Guid.NewGuid();
        queue.Lease(1, lease, "d1", T0.AddSeconds(60));

        Assert.Empty(queue.LapsedLeases(T0.AddSeconds(59)));
        Assert.Equal([lease], queue.LapsedLeases(T0.AddSeconds(60)));
    }

    [Fact]
    public void Re_adding_replaces_priority_and_position_but_never_touches_a_lease()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 10, 0));
        queue.Upsert(Entry(2, 50, 0));

        Assert.True(queue.Upsert(Entry(1, 99, 9)));
        Assert.Equal([1, 2], Ids(queue.PeekDialable(10, T0)));
        Assert.Equal(2, queue.ReadyCount);

        queue.Lease(2, Guid.NewGuid(), "d1", T0.AddMinutes(1));
        Assert.False(queue.Upsert(Entry(2, 99, 0)));
        Assert.True(queue.IsLeased(2));
    }

    [Fact]
    public void Remove_takes_ready_and_leased_entries_out()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 99, 0));
        queue.Upsert(Entry(2, 99, 1));
        var lease = Guid.NewGuid();
        queue.Lease(2, lease, "d1", T0.AddMinutes(1));

        Assert.True(queue.Remove(1, T0));
        Assert.True(queue.Remove(2, T0));
        Assert.False(queue.Remove(3, T0));
        Assert.Null(queue.FindLease(lease));
        Assert.Equal(0, queue.ReadyCount + queue.LeasedCount);
    }

    [Fact]
    public void Status_counts_ready_by_priority_leased_oldest_and_next_expiry()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 99, 10, expiresAt: T0.AddMinutes(5)));
        queue.Upsert(Entry(2, 99, 20, expiresAt: T0.AddMinutes(3)));
        queue.Upsert(Entry(3, 5, -30));
        queue.Lease(3, Guid.NewGuid(), "d1", T0.AddMinutes(1));

        var status = queue.Status(T0);

        Assert.Equal(new Dictionary<int, int> { [99] = 2 }, status.ReadyByPriority);
        Assert.Equal(1, status.Leased);
        Assert.Equal(T0.AddSeconds(-30), status.OldestInsertedAt);
        Assert.Equal(T0.AddMinutes(3), status.NextExpiry);
    }

    [Fact]
    public void Expired_ready_entries_are_found_but_a_leased_one_waits_for_its_lease()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 99, 0, expiresAt: T0.AddMinutes(1)));
        queue.Upsert(Entry(2, 99, 1, expiresAt: T0.AddMinutes(2)));
        queue.Upsert(Entry(3, 99, 2, expiresAt: T0.AddMinutes(1)));
        queue.Upsert(Entry(4, 99, 3));
        queue.Lease(3, Guid.NewGuid(), "d1", T0.AddMinutes(5));

        Assert.Empty(queue.ExpiredReady(T0.AddSeconds(59)));
        Assert.Equal([1], Ids(queue.ExpiredReady(T0.AddMinutes(1))));
        Assert.Equal([1, 2], Ids(queue.ExpiredReady(T0.AddMinutes(3))));
        Assert.True(queue.HasPendingExpiries);

        queue.Remove(1, T0);
        queue.Remove(2, T0);
        queue.Remove(3, T0);
        Assert.False(queue.HasPendingExpiries); // entry 4 has no expiry
    }

    [Fact]
    public void A_late_notice_cannot_bring_back_an_entry_that_left_or_replace_a_newer_one()
    {
        var queue = new HopperQueue();
        var loaded = Entry(1, 99, 0);
        queue.Upsert(loaded);
        queue.Remove(1, T0.AddSeconds(5)); // acked

        Assert.False(queue.Upsert(loaded)); // the insert's notice arrives late
        Assert.False(queue.Contains(1));

        queue.Upsert(Entry(2, 50, 10)); // re-added later
        Assert.False(queue.Upsert(Entry(2, 99, 5))); // an older notice for lead 2
        Assert.Equal(50, Assert.Single(queue.PeekDialable(10, T0)).Priority);

        queue.ForgetGoneBefore(T0.AddMinutes(1));
        Assert.True(queue.Upsert(Entry(1, 99, 20))); // a genuinely new entry for lead 1
    }

    [Fact]
    public void A_notice_arriving_after_its_unseen_entry_was_removed_is_ignored()
    {
        var queue = new HopperQueue();

        Assert.False(queue.Remove(7, T0.AddSeconds(5))); // removed before the queue heard of it

        Assert.False(queue.Upsert(Entry(7, 99, 1))); // the commit's notice, late
        Assert.False(queue.Contains(7));
        Assert.True(queue.Upsert(Entry(7, 99, 6))); // a re-add after the removal counts
    }

    [Fact]
    public void The_fingerprint_covers_ready_and_leased_entries_and_ReadyLeadIds_only_the_ready_ones()
    {
        var queue = new HopperQueue();
        queue.Upsert(Entry(1, 99, 0));
        queue.Upsert(Entry(2, 50, 0));
        queue.Upsert(Entry(3, 10, 0));
        queue.Lease(2, Guid.NewGuid(), "d1", T0.AddMinutes(1));

        Assert.Equal((3, 6m), queue.Fingerprint());
        Assert.Equal([1, 3], queue.ReadyLeadIds().Order());
    }
}
