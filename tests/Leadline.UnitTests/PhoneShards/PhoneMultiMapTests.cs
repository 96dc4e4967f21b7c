using Leadline.Grains.PhoneShards;

namespace Leadline.UnitTests.PhoneShards;

public class PhoneMultiMapTests
{
    private static List<long> ValuesOf(PhoneMultiMap<long> map, long key)
    {
        var values = new List<long>();
        for (var i = map.First(key); i >= 0; i = map.Next(i))
            values.Add(map.ValueAt(i));
        values.Sort();
        return values;
    }

    private static int IndexOf(PhoneMultiMap<long> map, long key, long value)
    {
        for (var i = map.First(key); i >= 0; i = map.Next(i))
        {
            if (map.ValueAt(i) == value)
                return i;
        }
        return -1;
    }

    [Fact]
    public void An_empty_map_has_no_key()
    {
        var map = new PhoneMultiMap<long>();

        Assert.Equal(-1, map.First(17275551212));
        Assert.False(map.ContainsKey(0));
        Assert.Equal(0, map.Count);
        Assert.False(map.IsLive(0));
    }

    [Fact]
    public void A_key_keeps_every_value_added_under_it_and_only_those()
    {
        var map = new PhoneMultiMap<long>();
        map.Add(17275551212, 1);
        map.Add(17275551213, 2);
        map.Add(17275551212, 3);

        Assert.Equal([1, 3], ValuesOf(map, 17275551212));
        Assert.Equal([2], ValuesOf(map, 17275551213));
        Assert.Empty(ValuesOf(map, 17275551214));
        Assert.Equal(3, map.Count);
    }

    [Theory]
    [InlineData(0)] // the value added last: the head of the chain
    [InlineData(1)]
    [InlineData(2)] // the value added first: the tail
    public void Removing_one_value_of_a_chain_keeps_the_others(int removed)
    {
        var map = new PhoneMultiMap<long>();
        foreach (var value in new long[] { 10, 20, 30 })
            map.Add(5, value);
        var values = ValuesOf(map, 5);

        map.RemoveAt(IndexOf(map, 5, values[removed]));

        values.RemoveAt(removed);
        Assert.Equal(values, ValuesOf(map, 5));
        Assert.Equal(2, map.Count);
    }

    [Fact]
    public void Removed_entries_are_reused_before_the_arrays_grow()
    {
        var map = new PhoneMultiMap<long>();
        for (var i = 0; i < 8; i++)
            map.Add(i, i);
        map.RemoveAt(IndexOf(map, 3, 3));
        map.RemoveAt(IndexOf(map, 6, 6));

        var a = map.Add(100, 100);
        var b = map.Add(101, 101);

        Assert.Equal(8, map.HighWater);
        Assert.Equal(new[] { 3, 6 }, new[] { a, b }.Order());
        Assert.Equal([100], ValuesOf(map, 100));
        Assert.Equal(8, map.Count);
    }

    [Fact]
    public void A_walk_over_the_indexes_sees_live_entries_only()
    {
        var map = new PhoneMultiMap<long>();
        for (var i = 0; i < 5; i++)
            map.Add(i, i * 10);
        map.RemoveAt(IndexOf(map, 2, 20));

        var seen = new List<long>();
        for (var i = 0; i < map.HighWater; i++)
        {
            if (map.IsLive(i))
                seen.Add(map.ValueAt(i));
        }

        Assert.Equal([0, 10, 30, 40], seen.Order());
    }

    [Fact]
    public void Values_can_be_changed_in_place()
    {
        var map = new PhoneMultiMap<long>();
        var index = map.Add(1, 5);

        map.ValueAt(index) = 6;

        Assert.Equal([6], ValuesOf(map, 1));
    }

    [Fact]
    public void Negative_zero_and_extreme_keys_are_keys_like_any_other()
    {
        var map = new PhoneMultiMap<long>();
        long[] keys = [0, -1, long.MinValue, long.MaxValue, 999_999_999_999_999_999];
        foreach (var key in keys)
            map.Add(key, key);

        foreach (var key in keys)
            Assert.Equal([key], ValuesOf(map, key));
    }

    [Fact]
    public void EnsureCapacity_keeps_the_entries_and_stops_growth_below_it()
    {
        var map = new PhoneMultiMap<long>();
        map.Add(1, 1);
        map.EnsureCapacity(1000);
        for (var i = 2; i <= 1000; i++)
            map.Add(i, i);

        Assert.Equal(1000, map.Count);
        Assert.Equal([1], ValuesOf(map, 1));
        Assert.Equal([1000], ValuesOf(map, 1000));
    }

    [Fact]
    public void Agrees_with_a_dictionary_of_lists_through_growth_and_random_removals()
    {
        var random = new Random(11);
        var map = new PhoneMultiMap<long>();
        var model = new Dictionary<long, List<long>>();
        for (var step = 0; step < 50_000; step++)
        {
            // Keys from a small range so that many have several values and chains collide.
            var key = 17_270_000_000 + random.Next(5_000);
            if (random.Next(3) > 0 || !model.TryGetValue(key, out var present) || present.Count == 0)
            {
                map.Add(key, step);
                (model.TryGetValue(key, out var list) ? list : model[key] = []).Add(step);
            }
            else
            {
                var value = present[random.Next(present.Count)];
                map.RemoveAt(IndexOf(map, key, value));
                present.Remove(value);
            }
        }

        Assert.Equal(model.Values.Sum(v => v.Count), map.Count);
        foreach (var (key, values) in model)
            Assert.Equal(values.Order(), ValuesOf(map, key));
    }

    [Fact]
    public void A_removed_value_holding_a_reference_lets_it_go()
    {
        var map = new PhoneMultiMap<LeadRef>();
        var weak = AddPendingLead(map);

        map.RemoveAt(map.First(1));
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.False(weak.IsAlive);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference AddPendingLead(PhoneMultiMap<LeadRef> map)
    {
        var commit = new TaskCompletionSource();
        map.Add(1, new LeadRef(1, 10, 100, commit.Task));
        return new WeakReference(commit.Task);
    }
}
