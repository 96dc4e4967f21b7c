using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Hopper;

/// <summary>Dial order: priority 99 first, 0 last, first in first out within a priority; count and release keep it.</summary>
public sealed class HopperOrderTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task Pull_hands_out_highest_priority_first_and_fifo_within_a_priority()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        int[] priorities = [50, 99, 0, 99, 50, 10, 99, 0];
        var leads = new List<(long LeadId, int Priority)>();
        foreach (var priority in priorities)
            leads.Add((await hopper.InsertAsync(priority), priority)); // one at a time: insertion order is lead order
        await hopper.WaitForReadyAsync(priorities.Length);
        var expected = leads.OrderByDescending(l => l.Priority).ThenBy(l => leads.IndexOf(l)).ToList();

        var first = await hopper.PullAsync(3);
        var rest = await hopper.PullAsync(100);

        Assert.Equal(expected.Take(3).Select(l => l.LeadId), first.Select(e => e.LeadId)); // count limit holds
        Assert.Equal(expected.Skip(3).Select(l => l.LeadId), rest.Select(e => e.LeadId));
        Assert.Equal(expected.Select(l => l.Priority), first.Concat(rest).Select(e => e.Priority));
        Assert.Empty(await hopper.PullAsync(10));
    }

    [Fact]
    public async Task Pull_answers_the_lead_fields_a_dialer_needs()
    {
        var account = await leadline.CreateAccountAsync();
        var hopper = new HopperClient(account);
        var answer = await account.InsertAsync(("phone_number", "(727) 555-0142"), ("first_name", "Ann"), ("last_name", "Lee"),
            ("hopper", "1"), ("hopper_priority", "42"));
        Assert.True(answer.Success, answer.Json.ToString());
        await hopper.WaitForReadyAsync(1);

        var before = DateTimeOffset.UtcNow;
        var entry = Assert.Single(await hopper.PullAsync(5, leaseSeconds: 120));

        var json = entry.Json;
        Assert.Equal(answer.LeadId.ToString(), json.GetProperty("lead_id").GetString());
        Assert.Equal(42, json.GetProperty("priority").GetInt32());
        Assert.Equal("+17275550142", json.GetProperty("phone_e164").GetString());
        Assert.Equal("7275550142", json.GetProperty("phone_number").GetString());
        Assert.Equal("1", json.GetProperty("phone_code").GetString());
        Assert.Equal("Ann", json.GetProperty("first_name").GetString());
        Assert.Equal("Lee", json.GetProperty("last_name").GetString());
        Assert.Equal(account.ListId.ToString(), json.GetProperty("list_id").GetString());
        Assert.EndsWith("Z", json.GetProperty("lease_expires_at").GetString());
        Assert.InRange(entry.LeaseExpiresAt, before.AddSeconds(115), before.AddSeconds(125));
    }

    [Fact]
    public async Task Released_entry_goes_back_to_its_old_place()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var leads = new List<long>();
        for (var i = 0; i < 3; i++)
            leads.Add(await hopper.InsertAsync());
        await hopper.WaitForReadyAsync(3);

        var pulled = await hopper.PullAsync(3);
        Assert.Equal(leads, pulled.Select(e => e.LeadId));
        var released = await hopper.ReleaseAsync(pulled[0].LeaseId);
        Assert.True(released.Success, released.Json.ToString());
        Assert.Equal(1, released.Json.GetProperty("data").GetProperty("released").GetInt32());
        // Release the other two as well: the first one must still come first.
        Assert.True((await hopper.ReleaseAsync(pulled[2].LeaseId, pulled[1].LeaseId)).Success);

        var again = await hopper.PullAsync(3, dialer: "second");
        Assert.Equal(leads, again.Select(e => e.LeadId));
        Assert.All(again, e => Assert.DoesNotContain(e.LeaseId, pulled.Select(p => p.LeaseId)));
    }

    [Fact]
    public async Task Release_of_the_first_of_three_makes_it_come_first_again()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var leads = new List<long>();
        for (var i = 0; i < 3; i++)
            leads.Add(await hopper.InsertAsync());
        await hopper.WaitForReadyAsync(3);

        var first = Assert.Single(await hopper.PullAsync(1));
        Assert.Equal(leads[0], first.LeadId);
        Assert.True((await hopper.ReleaseAsync(first.LeaseId)).Success);

        var again = await hopper.PullAsync(1);
        Assert.Equal(leads[0], Assert.Single(again).LeadId);
    }
}
