using Leadline.Grains.Hopper;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Hopper;

/// <summary>
/// The hopper checks its queue against hopper_entries every <see cref="HopperGrain.ReconcileEvery"/>:
/// a row whose commit notice never arrived (the inserting silo died after its commit) becomes pullable,
/// and a row deleted behind the hopper's back leaves the queue (and is never leased meanwhile).
/// </summary>
public sealed class HopperReconcileTests(LeadlineClusterWithFakeClock leadline) : IClassFixture<LeadlineClusterWithFakeClock>
{
    [Fact]
    public async Task Rows_the_queue_never_heard_of_are_served_and_rows_deleted_elsewhere_leave()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var served = await hopper.InsertAsync(priority: 10);
        var deletedElsewhere = await hopper.InsertAsync(priority: 20);
        await hopper.WaitForReadyAsync(2);
        // A lead whose hopper row committed but whose notice was lost: written straight to the table, as the writer does.
        var insert = await hopper.Account.InsertAsync(("phone_number", TestPhones.Next().Raw));
        await leadline.Database.ScalarAsync(
            """
            INSERT INTO hopper_entries (campaign_id, lead_id, priority, inserted_at, dial_region)
            VALUES ($1, $2, 90, now(), (SELECT dial_region FROM leads WHERE lead_id = $2)) RETURNING 1
            """,
            hopper.Account.CampaignId, insert.LeadId);
        await leadline.Database.ScalarAsync(
            "DELETE FROM hopper_entries WHERE lead_id = $1 RETURNING 1", deletedElsewhere);
        Assert.Equal(2, (await hopper.StatusAsync()).GetProperty("ready").GetInt32()); // not noticed yet

        leadline.Clock.Advance(HopperGrain.ReconcileEvery + TimeSpan.FromSeconds(1));
        var deadline = DateTime.UtcNow.AddSeconds(10); // the sweep that reconciles runs every real second
        while (DateTime.UtcNow < deadline && !(await hopper.StatusAsync()).GetProperty("ready_by_priority").TryGetProperty("90", out _))
            await Task.Delay(100);
        var status = await hopper.StatusAsync();
        Assert.Equal(2, status.GetProperty("ready").GetInt32());
        Assert.False(status.GetProperty("ready_by_priority").TryGetProperty("20", out _));
        var pulled = await hopper.PullAsync(10);

        Assert.Equal([insert.LeadId, served], pulled.Select(p => p.LeadId));
        Assert.Equal(90, pulled[0].Priority);
    }

    [Fact]
    public async Task A_row_deleted_behind_the_hoppers_back_is_never_leased()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var kept = await hopper.InsertAsync(priority: 10);
        var deleted = await hopper.InsertAsync(priority: 20);
        await hopper.WaitForReadyAsync(2);
        await leadline.Database.ScalarAsync("DELETE FROM hopper_entries WHERE lead_id = $1 RETURNING 1", deleted);

        var pulled = await hopper.PullAsync(10);

        Assert.Equal([kept], pulled.Select(p => p.LeadId));
        Assert.Equal(0, (await hopper.StatusAsync()).GetProperty("ready").GetInt32());
    }
}
