using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Insert;

/// <summary>
/// A phone shard's memory is only a cache of the tables: when the silo holding it stops, the shard
/// activates elsewhere, reloads, and still refuses the duplicates.
/// </summary>
public sealed class ShardRecoveryTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task Duplicates_are_still_refused_after_a_silo_stops()
    {
        var account = await leadline.CreateAccountAsync();
        var phones = Enumerable.Range(0, 40).Select(_ => TestPhones.Next()).ToList();
        var first = await Task.WhenAll(phones.Select(p => account.InsertAsync(("phone_number", p.Raw), ("check_dup", "1"))));
        Assert.All(first, a => Assert.True(a.Success, a.Json.ToString()));

        await leadline.Cluster.StopSiloAsync(leadline.Cluster.SecondarySilos[0]);

        var again = await Task.WhenAll(phones.Select(p => account.InsertAsync(("phone_number", p.Raw), ("check_dup", "1"))));
        Assert.All(again.Zip(first), pair =>
        {
            Assert.Equal(6009, pair.First.Code);
            Assert.Equal(pair.Second.LeadId, pair.First.LeadId);
        });
        Assert.Equal(phones.Count, await account.CountAllLeadsAsync());
    }
}
