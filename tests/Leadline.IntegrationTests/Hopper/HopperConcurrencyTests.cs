using System.Collections.Concurrent;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Hopper;

/// <summary>No entry is leased to two dialers at once, and none is lost, however many pull at the same time.</summary>
public sealed class HopperConcurrencyTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    private const int Entries = 5_000;
    private const int Dialers = 20;

    [Fact]
    public async Task Twenty_dialers_pulling_5000_entries_get_disjoint_sets_that_cover_them_all()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var inserted = new ConcurrentBag<long>();
        for (var chunk = 0; chunk < Entries / 50; chunk++)
        {
            var ids = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => hopper.InsertAsync(priority: (chunk + i) % 100)));
            foreach (var id in ids)
                inserted.Add(id);
        }
        Assert.Equal(Entries, inserted.Distinct().Count());
        await hopper.WaitForReadyAsync(Entries);

        var pulls = await Task.WhenAll(Enumerable.Range(0, Dialers).Select(async d =>
        {
            var mine = new List<PulledEntry>();
            while (true)
            {
                var batch = await hopper.PullAsync(50, leaseSeconds: 600, dialer: $"dialer-{d}");
                if (batch.Count == 0)
                    return mine;
                mine.AddRange(batch);
            }
        }));

        var all = pulls.SelectMany(p => p).ToList();
        Assert.Equal(Entries, all.Count); // disjoint: no lead (and no lease) handed out twice
        Assert.Equal(Entries, all.Select(e => e.LeadId).Distinct().Count());
        Assert.Equal(Entries, all.Select(e => e.LeaseId).Distinct().Count());
        Assert.True(inserted.ToHashSet().SetEquals(all.Select(e => e.LeadId)), "the union is every inserted lead");
        Assert.True(pulls.Count(p => p.Count > 0) > 1, "the pulls were spread over several dialers");

        var status = await hopper.StatusAsync();
        Assert.Equal(0, status.GetProperty("ready").GetInt32());
        Assert.Equal(Entries, status.GetProperty("leased").GetInt32());
    }
}
