using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Hopper;

/// <summary>
/// hopper_expires_in with a controllable clock: expired entries are never pulled, are removed by the
/// sweep even when nobody pulls, and each records exactly one HOPPER_EXPIRE event; a leased entry
/// expires only when its lease ends unacked.
/// </summary>
public sealed class HopperExpiryTests(LeadlineClusterWithFakeClock leadline) : IClassFixture<LeadlineClusterWithFakeClock>
{
    [Fact]
    public async Task Expired_entries_are_never_pulled_and_leave_with_exactly_one_event_each()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var expiring = new List<long>();
        for (var i = 0; i < 5; i++)
            expiring.Add(await hopper.InsertAsync(expiresInMinutes: 1));
        var lasting = new[] { await hopper.InsertAsync(priority: 10), await hopper.InsertAsync(priority: 10) };
        await hopper.WaitForReadyAsync(7);

        leadline.Clock.Advance(TimeSpan.FromSeconds(61));
        var pulled = await hopper.PullAsync(10);

        Assert.Equal(lasting.Order(), pulled.Select(p => p.LeadId).Order()); // same priority and (fake) time: ties go by lead id
        await WaitUntilAsync(async () => await CountRowsAsync(expiring) == 0);
        Assert.Equal(expiring.Order(), await ExpireEventLeadsAsync(hopper.Account.CampaignId));

        // Later sweeps (timer, reminder) find nothing more to record.
        leadline.Clock.Advance(TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(expiring.Order(), await ExpireEventLeadsAsync(hopper.Account.CampaignId));
    }

    [Fact]
    public async Task A_leased_entry_expires_only_when_its_lease_ends_unacked()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var leadId = await hopper.InsertAsync(expiresInMinutes: 1);
        await hopper.WaitForReadyAsync(1);
        var lease = Assert.Single(await hopper.PullAsync(1, leaseSeconds: 300));

        leadline.Clock.Advance(TimeSpan.FromSeconds(120)); // past the expiry, inside the lease
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(1, await CountRowsAsync([leadId]));
        Assert.Empty(await ExpireEventLeadsAsync(hopper.Account.CampaignId));

        leadline.Clock.Advance(TimeSpan.FromSeconds(200)); // the lease has ended unacked
        await WaitUntilAsync(async () => await CountRowsAsync([leadId]) == 0);
        Assert.Equal([leadId], await ExpireEventLeadsAsync(hopper.Account.CampaignId));
        var lateAck = await hopper.AckAsync(lease.LeaseId);
        Assert.False(lateAck.Success);
    }

    private Task<long> CountRowsAsync(IEnumerable<long> leadIds) =>
        leadline.Database.ScalarAsync("SELECT count(*) FROM hopper_entries WHERE lead_id = ANY($1)", leadIds.ToArray());

    private async Task<long[]> ExpireEventLeadsAsync(long campaignId) => [.. await leadline.Database.ListAsync<long>(
        "SELECT lead_id FROM workflow_events WHERE campaign_id = $1 AND event_type = 'HOPPER_EXPIRE' ORDER BY lead_id", campaignId)];

    /// <summary>The sweep runs every real second; give it a few.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 40 && !await condition(); i++)
            await Task.Delay(250);
        Assert.True(await condition(), "the expiry sweep did not run in time");
    }
}
