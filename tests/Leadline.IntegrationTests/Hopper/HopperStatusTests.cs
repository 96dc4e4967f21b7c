using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Hopper;

/// <summary>Status figures, and the operator's add/remove by lead_id.</summary>
public sealed class HopperStatusTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task Empty_hopper_status_is_zero_and_null()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());

        var status = await hopper.StatusAsync();

        Assert.Equal(hopper.Account.CampaignId.ToString(), status.GetProperty("campaign_id").GetString());
        Assert.Empty(status.GetProperty("ready_by_priority").EnumerateObject());
        Assert.Equal(0, status.GetProperty("ready").GetInt32());
        Assert.Equal(0, status.GetProperty("leased").GetInt32());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("oldest_entry_age_seconds").ValueKind);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("next_expiry").ValueKind);
    }

    [Fact]
    public async Task Get_with_a_query_string_works_like_post()
    {
        var account = await leadline.CreateAccountAsync();
        var hopper = new HopperClient(account);
        await hopper.InsertAsync(77);
        await hopper.WaitForReadyAsync(1);

        using var response = await leadline.Http.GetAsync(
            $"/v1/hopper/status?auth_token={account.Token.Secret}&campaign_id={account.CampaignId}");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.True(json.GetProperty("success").GetBoolean(), json.ToString());
        Assert.Equal(1, json.GetProperty("data").GetProperty("ready_by_priority").GetProperty("77").GetInt32());
    }

    [Fact]
    public async Task Status_counts_ready_by_priority_leased_age_and_next_expiry()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var start = DateTimeOffset.UtcNow;
        await hopper.InsertAsync(99);
        await hopper.InsertAsync(99);
        await hopper.InsertAsync(50, expiresInMinutes: 10);
        await hopper.InsertAsync(10, expiresInMinutes: 5);
        await hopper.WaitForReadyAsync(4);
        Assert.Single(await hopper.PullAsync(1));

        var status = await hopper.StatusAsync();

        var byPriority = status.GetProperty("ready_by_priority").EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())).ToList();
        Assert.Equal([("99", 1), ("50", 1), ("10", 1)], byPriority);
        Assert.Equal(3, status.GetProperty("ready").GetInt32());
        Assert.Equal(1, status.GetProperty("leased").GetInt32());
        Assert.InRange(status.GetProperty("oldest_entry_age_seconds").GetInt64(), 0, (long)(DateTimeOffset.UtcNow - start).TotalSeconds + 1);
        var nextExpiry = DateTimeOffset.Parse(status.GetProperty("next_expiry").GetString()!);
        Assert.InRange(nextExpiry, start.AddMinutes(5).AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(5).AddSeconds(1));
    }

    [Fact]
    public async Task Add_puts_a_lead_in_the_hopper_and_a_second_add_updates_its_priority()
    {
        var account = await leadline.CreateAccountAsync();
        var hopper = new HopperClient(account);
        var lead = (await account.InsertAsync(("phone_number", TestPhones.Next().Raw))).LeadId; // not in the hopper
        Assert.Equal(0, await hopper.CountRowsAsync());

        var added = await hopper.PostAsync("add", ("lead_id", lead.ToString()), ("priority", "70"), ("expires_in", "30"));
        Assert.True(added.Success, added.Json.ToString());
        Assert.False(added.Json.GetProperty("data").TryGetProperty("updated", out _));
        var status = await hopper.StatusAsync();
        Assert.Equal(1, status.GetProperty("ready_by_priority").GetProperty("70").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, status.GetProperty("next_expiry").ValueKind);
        Assert.Equal(1, await hopper.CountRowsAsync(lead));

        var updated = await hopper.PostAsync("add", ("lead_id", lead.ToString()), ("priority", "80"), ("hopper_expires_in", "60"));
        Assert.True(updated.Success, updated.Json.ToString());
        Assert.True(updated.Json.GetProperty("data").GetProperty("updated").GetBoolean());
        status = await hopper.StatusAsync();
        Assert.Equal([("80", 1)], status.GetProperty("ready_by_priority").EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())));
        var entry = Assert.Single(await hopper.PullAsync(5));
        Assert.Equal((lead, 80), (entry.LeadId, entry.Priority));
    }

    [Fact]
    public async Task Add_defaults_to_priority_99_without_expiry()
    {
        var account = await leadline.CreateAccountAsync();
        var hopper = new HopperClient(account);
        var lead = (await account.InsertAsync(("phone_number", TestPhones.Next().Raw))).LeadId;

        Assert.True((await hopper.PostAsync("add", ("lead_id", lead.ToString()))).Success);

        var status = await hopper.StatusAsync();
        Assert.Equal(1, status.GetProperty("ready_by_priority").GetProperty("99").GetInt32());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("next_expiry").ValueKind);
    }

    [Fact]
    public async Task Add_refuses_unknown_leased_and_other_accounts_leads()
    {
        var account = await leadline.CreateAccountAsync();
        var hopper = new HopperClient(account);
        var other = await leadline.CreateAccountAsync();
        var theirs = (await other.InsertAsync(("phone_number", TestPhones.Next().Raw))).LeadId;
        var leasedLead = await hopper.InsertAsync();
        await hopper.WaitForReadyAsync(1);
        Assert.Single(await hopper.PullAsync(1));

        var unknown = await hopper.PostAsync("add", ("lead_id", "999999999"));
        var foreign = await hopper.PostAsync("add", ("lead_id", theirs.ToString()));
        var leased = await hopper.PostAsync("add", ("lead_id", leasedLead.ToString()), ("priority", "5"));

        Assert.Equal((System.Net.HttpStatusCode.NotFound, 6001), (unknown.Status, unknown.Code));
        Assert.Equal("No such Lead", unknown.Text);
        Assert.Equal((System.Net.HttpStatusCode.NotFound, 6001), (foreign.Status, foreign.Code));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, leased.Status);
        Assert.False(leased.Success);
        Assert.NotEmpty(leased.Text);
        Assert.Equal(1, await hopper.CountRowsAsync());
        Assert.Equal(0, await leadline.Database.ScalarAsync("SELECT count(*) FROM hopper_entries WHERE lead_id = $1", theirs));
    }

    [Fact]
    public async Task Remove_takes_a_lead_out_and_a_second_remove_is_no_such_lead()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var removed = await hopper.InsertAsync();
        var kept = await hopper.InsertAsync();
        await hopper.WaitForReadyAsync(2);

        var answer = await hopper.PostAsync("remove", ("lead_id", removed.ToString()));
        Assert.True(answer.Success, answer.Json.ToString());
        Assert.True(answer.Json.GetProperty("data").GetProperty("removed").GetBoolean());
        Assert.Equal(0, await hopper.CountRowsAsync(removed));

        var again = await hopper.PostAsync("remove", ("lead_id", removed.ToString()));
        Assert.Equal((System.Net.HttpStatusCode.NotFound, 6001), (again.Status, again.Code));
        Assert.Equal(kept, Assert.Single(await hopper.PullAsync(5)).LeadId);
    }
}
