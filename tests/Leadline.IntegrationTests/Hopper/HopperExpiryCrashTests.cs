using Leadline.Grains.Hopper;
using Leadline.IntegrationTests.Infrastructure;
using Leadline.IntegrationTests.Workflows;

namespace Leadline.IntegrationTests.Hopper;

/// <summary>
/// The durable half of expiry: with entries pending expiry, the silo holding the hopper stops and nobody
/// calls the hopper again; the reminder (ADO.NET, on PostgreSQL) wakes it on the other silo, every
/// entry expires with exactly one HOPPER_EXPIRE event, and the surviving silo's delivery worker brings
/// each event to a real webhook receiver. Waits for a real reminder tick (about a minute).
/// </summary>
public sealed class HopperExpiryCrashTests(LeadlineClusterWithFakeClock leadline) : IClassFixture<LeadlineClusterWithFakeClock>
{
    [Fact]
    public async Task Expiries_still_happen_after_the_hoppers_silo_stops()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        await using var receiver = await WebhookReceiver.StartAsync();
        await new WorkflowClient(hopper.Account).CreateHopperExpireRuleAsync(("action_1_type", "WEBHOOK"), ("action_1_url", receiver.Url()));
        var leads = new List<long>();
        for (var i = 0; i < 10; i++)
            leads.Add(await hopper.InsertAsync(expiresInMinutes: 1));
        await hopper.WaitForReadyAsync(10);

        var grain = leadline.Cluster.Client.GetGrain<IHopperGrain>(hopper.Account.CampaignId);
        var host = await leadline.Cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        var silo = leadline.Cluster.GetActiveSilos().Single(s => s.SiloAddress.Equals(host));
        await leadline.Cluster.StopSiloAsync(silo);

        leadline.Clock.Advance(TimeSpan.FromSeconds(61));
        var deadline = DateTime.UtcNow.AddSeconds(150);
        while (DateTime.UtcNow < deadline && await RowsAsync(leads) > 0)
            await Task.Delay(1000);

        Assert.Equal(0, await RowsAsync(leads));
        Assert.Equal(leads.Count, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM workflow_events WHERE event_type = 'HOPPER_EXPIRE' AND lead_id = ANY($1)", leads.ToArray()));
        Assert.Equal(leads.Count, await leadline.Database.ScalarAsync(
            "SELECT count(DISTINCT lead_id) FROM workflow_events WHERE event_type = 'HOPPER_EXPIRE' AND lead_id = ANY($1)", leads.ToArray()));

        await receiver.WaitForAcceptedAsync(leads.Count, TimeSpan.FromSeconds(30));
        var delivered = receiver.Accepted.Select(r => long.Parse(System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("lead_id").GetString()!));
        Assert.Equal(leads.Order(), delivered.Order());
    }

    private Task<long> RowsAsync(List<long> leads) =>
        leadline.Database.ScalarAsync("SELECT count(*) FROM hopper_entries WHERE lead_id = ANY($1)", leads.ToArray());
}
