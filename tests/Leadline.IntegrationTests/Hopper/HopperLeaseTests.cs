using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Hopper;

/// <summary>Ack removes an entry for good; a lease that runs out gives the entry back to the next dialer.</summary>
public sealed class HopperLeaseTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task Ack_removes_the_entry_from_the_hopper_and_the_table_and_sets_the_dialed_status()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var acked = await hopper.InsertAsync();
        var kept = await hopper.InsertAsync();
        await hopper.WaitForReadyAsync(2);

        var pulled = await hopper.PullAsync(1);
        Assert.Equal(acked, Assert.Single(pulled).LeadId);
        var answer = await hopper.PostAsync("ack", ("lease_ids", pulled[0].LeaseId.ToString()), ("status", "SALE"), ("outcome", "answered"));

        Assert.True(answer.Success, answer.Json.ToString());
        var data = answer.Json.GetProperty("data");
        Assert.Equal(1, data.GetProperty("acked").GetInt32());
        Assert.Equal("SALE", data.GetProperty("status").GetString());
        Assert.Equal("answered", data.GetProperty("outcome").GetString());
        var status = await hopper.StatusAsync();
        Assert.Equal(1, status.GetProperty("ready").GetInt32());
        Assert.Equal(0, status.GetProperty("leased").GetInt32());
        Assert.Equal(kept, Assert.Single(await hopper.PullAsync(10)).LeadId);
        Assert.Equal(0, await hopper.CountRowsAsync(acked));
        Assert.Equal(1, await hopper.CountRowsAsync(kept));
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM leads WHERE lead_id = $1 AND status = 'SALE'", acked));
        Assert.Equal(0, await leadline.Database.ScalarAsync("SELECT count(*) FROM leads WHERE lead_id = $1 AND status IS NOT NULL", kept));
    }

    [Fact]
    public async Task An_ack_with_an_overlong_status_is_refused_and_changes_nothing()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var leadId = await hopper.InsertAsync();
        await hopper.WaitForReadyAsync(1);
        var lease = Assert.Single(await hopper.PullAsync(1)).LeaseId;

        var answer = await hopper.PostAsync("ack", ("lease_ids", lease.ToString()), ("status", new string('S', 33)));

        Assert.Equal((400, 6050), ((int)answer.Status, answer.Code));
        Assert.Equal(1, await hopper.CountRowsAsync(leadId));
        Assert.Equal(1, (await hopper.StatusAsync()).GetProperty("leased").GetInt32());
    }

    [Fact]
    public async Task Acking_twice_reports_the_lease_as_unknown()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        await hopper.InsertAsync();
        await hopper.WaitForReadyAsync(1);
        var lease = Assert.Single(await hopper.PullAsync(1)).LeaseId;

        Assert.True((await hopper.AckAsync(lease)).Success);
        var again = await hopper.AckAsync(lease);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, again.Status);
        Assert.Contains(lease.ToString(), again.Text);
    }

    [Fact]
    public async Task A_lease_that_runs_out_returns_the_entry_to_ready()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var lead = await hopper.InsertAsync();
        await hopper.WaitForReadyAsync(1);

        var first = Assert.Single(await hopper.PullAsync(1, leaseSeconds: 1, dialer: "slow"));
        Assert.Empty(await hopper.PullAsync(1, dialer: "other")); // still leased
        await Task.Delay(1500);

        var second = Assert.Single(await hopper.PullAsync(1, dialer: "other"));
        Assert.Equal(lead, second.LeadId);
        Assert.NotEqual(first.LeaseId, second.LeaseId);
        // The slow dialer's lease is gone: its ack must not remove the entry the other dialer now holds.
        var lateAck = await hopper.AckAsync(first.LeaseId);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, lateAck.Status);
        Assert.Equal(0, lateAck.Json.GetProperty("data").GetProperty("applied").GetInt32());
        Assert.Equal(1, await hopper.CountRowsAsync(lead));
        Assert.True((await hopper.AckAsync(second.LeaseId)).Success);
    }

    [Fact]
    public async Task A_batch_with_an_unknown_lease_id_applies_the_known_ones_and_says_so()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        await hopper.InsertAsync();
        await hopper.InsertAsync();
        await hopper.WaitForReadyAsync(2);
        var pulled = await hopper.PullAsync(2);
        var unknown = Guid.NewGuid();

        var answer = await hopper.AckAsync(pulled[0].LeaseId, unknown, pulled[1].LeaseId);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, answer.Status);
        Assert.False(answer.Success);
        Assert.Contains(unknown.ToString(), answer.Text);
        Assert.Equal(2, answer.Json.GetProperty("data").GetProperty("applied").GetInt32());
        Assert.Equal(0, await hopper.CountRowsAsync());
    }
}
