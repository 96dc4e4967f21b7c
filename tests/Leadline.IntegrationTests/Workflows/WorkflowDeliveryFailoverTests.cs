using Leadline.IntegrationTests.Hopper;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Workflows;

/// <summary>
/// A delivery lives in the table, not in the silo working on it: when that silo stops in the middle of
/// its webhook calls, its claims run out and the other silo delivers every event.
/// </summary>
public sealed class WorkflowDeliveryFailoverTests(LeadlineClusterWithFakeClock leadline) : IClassFixture<LeadlineClusterWithFakeClock>
{
    [Fact]
    public async Task Deliveries_in_flight_on_a_silo_that_stops_are_delivered_by_the_other()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var workflows = new WorkflowClient(hopper.Account);
        await workflows.CreateHopperExpireRuleAsync(("action_1_type", "WEBHOOK"), ("action_1_url", receiver.Url()));
        var leads = new List<long>();
        for (var i = 0; i < 6; i++)
            leads.Add(await hopper.InsertAsync(expiresInMinutes: 1));
        await hopper.WaitForReadyAsync(6);
        receiver.Stall();

        leadline.Clock.Advance(TimeSpan.FromSeconds(61));
        var claimers = await ClaimersAsync(hopper.Account.AccountId, leads.Count);
        var claimer = Assert.Single(claimers); // one expiry sweep, one claim of all its deliveries
        var dying = leadline.Cluster.GetActiveSilos().Single(s => s.SiloAddress.ToParsableString() == claimer);
        var survivor = leadline.Cluster.GetActiveSilos().Single(s => s != dying).SiloAddress.ToParsableString();
        await leadline.Cluster.StopSiloAsync(dying);
        receiver.Release();

        await workflows.WaitForDeliveriesAsync("DELIVERED", leads.Count, TimeSpan.FromSeconds(60));
        var delivered = receiver.Accepted.Select(r => long.Parse(System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("lead_id").GetString()!));
        Assert.Equal(leads.Order(), delivered.Order());
        Assert.Equal(leads.Count, await leadline.Database.ScalarAsync(
            """
            SELECT count(*) FROM workflow_delivery_attempts a JOIN workflow_deliveries d USING (delivery_id)
            WHERE d.account_id = $1 AND a.outcome = 'OK' AND a.silo = $2
            """, hopper.Account.AccountId, survivor));
    }

    /// <summary>The silos holding claims once all <paramref name="count"/> deliveries are claimed.</summary>
    private async Task<List<string>> ClaimersAsync(long accountId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && await leadline.Database.ScalarAsync(
                   "SELECT count(*) FROM workflow_deliveries WHERE account_id = $1 AND claimed_by IS NOT NULL", accountId) < count)
            await Task.Delay(50);
        return await leadline.Database.ListAsync<string>(
            "SELECT DISTINCT claimed_by FROM workflow_deliveries WHERE account_id = $1 AND claimed_by IS NOT NULL", accountId);
    }
}
