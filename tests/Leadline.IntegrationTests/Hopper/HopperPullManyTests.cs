using Leadline.Grains.Hopper;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Hopper;

/// <summary>
/// Pulls served together (the API host groups the pulls that arrive while one is with the hopper): each gets its
/// own entries in dial order, its own dialer label and lease time, with one lease statement per round, and an
/// entry that may no longer be dialed is skipped, dropped, and replaced by the next one.
/// </summary>
public sealed class HopperPullManyTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task Pulls_served_together_get_disjoint_entries_in_dial_order_with_their_own_dialer_and_lease_time()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var first = await hopper.InsertAsync(priority: 99, firstName: "Ann");
        var second = await hopper.InsertAsync(priority: 99);
        var deleted = await hopper.InsertAsync(priority: 50);
        var third = await hopper.InsertAsync(priority: 50);
        var fourth = await hopper.InsertAsync(priority: 10);
        var left = await hopper.InsertAsync(priority: 10);
        await hopper.WaitForReadyAsync(6);
        // Deleted behind the hopper's back: it is still READY in memory and must not be handed out.
        await leadline.Database.ScalarAsync("UPDATE leads SET deleted_at = now() WHERE lead_id = $1 RETURNING 1", deleted);

        var grain = leadline.Cluster.Client.GetGrain<IHopperGrain>(hopper.Account.CampaignId);
        var before = DateTimeOffset.UtcNow;
        var answers = await grain.PullManyAsync([
            new HopperPull(2, TimeSpan.FromSeconds(60), "dialer-a"),
            new HopperPull(2, TimeSpan.FromSeconds(600), "dialer-b"),
        ]);

        Assert.Equal([first, second], answers[0].Select(l => l.Lead.LeadId));
        Assert.Equal([third, fourth], answers[1].Select(l => l.Lead.LeadId));
        Assert.Equal([99, 99], answers[0].Select(l => l.Priority));
        Assert.Equal([50, 10], answers[1].Select(l => l.Priority));
        Assert.All(answers[0], l => Assert.InRange(l.LeasedUntil, before.AddSeconds(59), before.AddSeconds(90)));
        Assert.All(answers[1], l => Assert.InRange(l.LeasedUntil, before.AddSeconds(599), before.AddSeconds(630)));
        var lead = answers[0][0].Lead; // the details are read from leads at lease time
        Assert.Equal(("Ann", hopper.Account.ListId), (lead.FirstName, lead.ListId));
        Assert.StartsWith("+", lead.PhoneE164);
        Assert.EndsWith(lead.PhoneNational, lead.PhoneE164);

        Assert.Equal(4, answers.SelectMany(a => a).Select(l => l.LeaseId).Distinct().Count());
        foreach (var (answer, dialer) in answers.Zip(["dialer-a", "dialer-b"]))
        {
            foreach (var lease in answer)
                Assert.Equal(1, await leadline.Database.ScalarAsync(
                    "SELECT count(*) FROM hopper_entries WHERE lead_id = $1 AND state = 'LEASED' AND lease_id = $2 AND leased_to = $3",
                    lease.Lead.LeadId, lease.LeaseId, dialer));
        }
        Assert.Equal(0, await hopper.CountRowsAsync(deleted)); // dropped, not left READY
        var status = await hopper.StatusAsync();
        Assert.Equal((1, 4), (status.GetProperty("ready").GetInt32(), status.GetProperty("leased").GetInt32()));
        Assert.Equal(left, Assert.Single(await hopper.PullAsync(10)).LeadId);
    }
}
