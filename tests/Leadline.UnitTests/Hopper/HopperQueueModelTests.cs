using Leadline.Grains.Hopper;

namespace Leadline.UnitTests.Hopper;

/// <summary>
/// The queue against a plain model (a dictionary and a sort) under random adds, re-adds with another region,
/// removes, leases, releases, deferrals, expiries and open sets, with a few regions and with more regions than
/// the queue has heap indexes for (the shared "mixed" heap and indexes given to another region).
/// </summary>
public class HopperQueueModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private sealed class ModelEntry
    {
        public required HopperEntry Entry;
        public Guid? Lease;
        public DateTimeOffset? DeferredUntil;
    }

    [Theory]
    [InlineData(6, 20_000, 1)]
    [InlineData(60, 20_000, 2)]
    [InlineData(400, 30_000, 3)] // more regions than heap indexes
    public void Random_operations_and_open_sets_agree_with_a_plain_model(int regionCount, int steps, int seed)
    {
        var random = new Random(seed);
        var regions = Enumerable.Range(0, regionCount).Select(i => i == 0 ? null : $"R{i}").ToArray();
        var queue = new HopperQueue();
        var model = new Dictionary<long, ModelEntry>();
        var clock = 0;
        DateTimeOffset Now() => T0.AddSeconds(clock);
        var leadIds = regionCount * 10;

        for (var step = 0; step < steps; step++)
        {
            clock++;
            var leadId = random.Next(1, leadIds);
            model.TryGetValue(leadId, out var held);
            switch (random.Next(10))
            {
                case 0 or 1 or 2: // add, or re-add (newer, maybe another region)
                    var entry = new HopperEntry(leadId, random.Next(4) * 33, Now(), random.Next(5) == 0 ? Now().AddSeconds(random.Next(1, 3_000)) : null,
                        regions[random.Next(regionCount)]);
                    Assert.Equal(held?.Lease is null, queue.Upsert(entry));
                    if (held is null)
                        model[leadId] = new ModelEntry { Entry = entry };
                    else if (held.Lease is null)
                        held.Entry = entry; // a deferred one stays deferred
                    break;
                case 3:
                    Assert.Equal(held is not null, queue.Remove(leadId, Now()));
                    model.Remove(leadId);
                    break;
                case 4 or 5: // lease the head of a random open set, as a pull does
                    var open = RandomOpenSet(random, regions);
                    var head = queue.PeekDialable(1, Now(), region => open.Contains(region ?? ""));
                    var expected = Dialable(model, Now(), open).FirstOrDefault();
                    Assert.Equal(expected?.Entry, head.Count == 0 ? null : head[0]);
                    if (expected is not null)
                    {
                        expected.Lease = Guid.NewGuid();
                        queue.Lease(expected.Entry.LeadId, expected.Lease.Value, "d", Now().AddHours(1));
                    }
                    break;
                case 6:
                    var leased = model.Values.Where(m => m.Lease is not null).ToList();
                    if (leased.Count > 0)
                    {
                        var back = leased[random.Next(leased.Count)];
                        Assert.True(queue.Release(back.Lease!.Value));
                        back.Lease = null;
                    }
                    break;
                case 7 or 8:
                    var until = Now().AddSeconds(random.Next(-5, 200));
                    queue.Defer(leadId, until);
                    if (held is { Lease: null })
                        held.DeferredUntil = until;
                    break;
                case 9: // the expiry sweep
                    var due = model.Values.Where(m => m.Lease is null && m.Entry.ExpiresAt <= Now()).Select(m => m.Entry);
                    var found = queue.ExpiredReady(Now());
                    Assert.Equal(due.OrderBy(e => e.LeadId), found.OrderBy(e => e.LeadId));
                    foreach (var gone in found)
                    {
                        queue.Remove(gone.LeadId, Now());
                        model.Remove(gone.LeadId);
                    }
                    break;
            }
            if (step % 500 == 0)
                AssertSame(queue, model, Now(), RandomOpenSet(random, regions));
        }
        AssertSame(queue, model, Now(), RandomOpenSet(random, regions));
        AssertSame(queue, model, Now(), [.. regions.Select(r => r ?? "")]);
    }

    private static HashSet<string> RandomOpenSet(Random random, string?[] regions) =>
        [.. regions.Select(r => r ?? "").Where(_ => random.Next(3) > 0)]; // "" stands for the unknown zone

    private static bool IsDeferred(ModelEntry m, DateTimeOffset now) => m.DeferredUntil > now;

    private static IEnumerable<ModelEntry> Dialable(Dictionary<long, ModelEntry> model, DateTimeOffset now, HashSet<string> open) =>
        model.Values
            .Where(m => m.Lease is null && !IsDeferred(m, now) && open.Contains(m.Entry.Region ?? "") && !(m.Entry.ExpiresAt <= now))
            .OrderByDescending(m => m.Entry.Priority).ThenBy(m => m.Entry.InsertedAt).ThenBy(m => m.Entry.LeadId);

    private static void AssertSame(HopperQueue queue, Dictionary<long, ModelEntry> model, DateTimeOffset now, HashSet<string> open)
    {
        var asked = new Dictionary<string, int>();
        bool RegionOpen(string? region)
        {
            asked[region ?? ""] = asked.GetValueOrDefault(region ?? "") + 1;
            return open.Contains(region ?? "");
        }

        Assert.Equal(Dialable(model, now, open).Select(m => m.Entry), queue.PeekDialable(int.MaxValue, now, RegionOpen));
        Assert.All(asked.Values, times => Assert.Equal(1, times));

        var ready = model.Values.Where(m => m.Lease is null).ToList();
        var openReady = ready.Where(m => !IsDeferred(m, now) && open.Contains(m.Entry.Region ?? "")).ToList();
        asked.Clear();
        Assert.Equal(openReady.Count, queue.DialableCount(now, RegionOpen)); // expired ones count until swept
        Assert.All(asked.Values, times => Assert.Equal(1, times));
        asked.Clear();
        var status = queue.Status(now, RegionOpen);
        Assert.All(asked.Values, times => Assert.Equal(1, times));
        Assert.Equal(ready.Count - openReady.Count, status.Waiting);
        Assert.Equal(ready.GroupBy(m => m.Entry.Priority).ToDictionary(g => g.Key, g => g.Count()), status.ReadyByPriority);
        Assert.Equal(model.Count - ready.Count, status.Leased);

        Assert.Equal(ready.Count, queue.ReadyCount);
        Assert.Equal(model.Count - ready.Count, queue.LeasedCount);
        Assert.Equal(ready.Select(m => m.Entry.LeadId).Order(), queue.ReadyLeadIds().Order());
        Assert.Equal((model.Count, model.Keys.Sum(id => (decimal)id)), queue.Fingerprint());
        Assert.Equal(
            ready.GroupBy(m => m.Entry.Region ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())),
            queue.ReadyByRegion().Select(p => (p.Key ?? "", p.Value)).OrderBy(p => p.Item1, StringComparer.Ordinal));
        foreach (var m in model.Values.Where(m => m.Lease is not null))
            Assert.Equal(m.Entry, queue.FindLease(m.Lease!.Value));
    }
}
