using System.Text.Json;
using Leadline.Grains.Workflows;
using Leadline.IntegrationTests.Hopper;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Workflows;

/// <summary>
/// Hopper Expire rules end to end: a controllable clock expires entries, and a real HTTP receiver started
/// here gets the events — exactly once each when it is up, on retry when it fails first, and from the
/// dead-letter queue when an operator retries after it was down too long. Delivery timings are the
/// test cluster's (<see cref="LeadlineCluster.WorkflowSettings"/>: 4 attempts, 1 in-process retry each).
/// </summary>
public sealed class WorkflowDeliveryTests(LeadlineClusterWithFakeClock leadline) : IClassFixture<LeadlineClusterWithFakeClock>, IAsyncLifetime
{
    private const string Secret = "receiver-secret-0123456789";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Each_expired_entry_reaches_the_webhook_exactly_once_signed_and_with_its_lead()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var workflows = new WorkflowClient(hopper.Account);
        await workflows.CreateHopperExpireRuleAsync(
            ("action_1_type", "WEBHOOK"), ("action_1_url", _receiver.Url()), ("action_1_secret", Secret));
        var expiring = new List<long>();
        for (var i = 0; i < 5; i++)
            expiring.Add(await hopper.InsertAsync(expiresInMinutes: 1, firstName: $"Ann{i}"));
        await hopper.InsertAsync(); // never expires
        await hopper.WaitForReadyAsync(6);

        leadline.Clock.Advance(TimeSpan.FromSeconds(61));
        await _receiver.WaitForAcceptedAsync(5, Patience);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // time for a double to show up, if there were one

        var received = _receiver.All;
        Assert.Equal(5, received.Count);
        var bodies = received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(expiring.Order(), bodies.Select(b => long.Parse(b.GetProperty("lead_id").GetString()!)).Order());
        Assert.All(received, r => Assert.True(WebhookSignature.Verify(Secret, r.Header(WebhookSignature.Header), r.Body), "signature"));
        Assert.All(received, r => Assert.Equal("HOPPER_EXPIRE", r.Header("X-Leadline-Event")));
        foreach (var body in bodies)
        {
            Assert.Equal("HOPPER_EXPIRE", body.GetProperty("event").GetString());
            var lead = body.GetProperty("lead");
            Assert.Equal(body.GetProperty("lead_id").GetString(), lead.GetProperty("lead_id").GetString());
            Assert.StartsWith("Ann", lead.GetProperty("first_name").GetString());
            Assert.False(string.IsNullOrEmpty(lead.GetProperty("phone_number").GetString()));
            Assert.Equal(99, body.GetProperty("data").GetProperty("priority").GetInt32());
        }

        var eventIds = await EventIdsAsync(hopper.Account.CampaignId);
        Assert.Equal(eventIds, received.Select(r => long.Parse(r.Header("X-Leadline-Event-Id"))).Order());
        var deliveries = await workflows.DeliveriesAsync();
        Assert.Equal(5, deliveries.Length);
        Assert.All(deliveries, d => Assert.Equal("DELIVERED", d.GetProperty("state").GetString()));
        Assert.All(deliveries, d => Assert.Equal(1, d.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task A_receiver_that_fails_first_gets_the_event_on_retry_and_done_actions_are_not_repeated()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var workflows = new WorkflowClient(hopper.Account);
        await workflows.CreateHopperExpireRuleAsync(
            ("action_1_type", "SET_STATUS"), ("action_1_status", "EXPIRED"),
            ("action_2_type", "WEBHOOK"), ("action_2_url", _receiver.Url("/form")), ("action_2_body_format", "form"));
        var leadId = await hopper.InsertAsync(expiresInMinutes: 1, firstName: "Bo");
        await hopper.WaitForReadyAsync(1);
        // Attempt 1 = two tries (one in-process retry), both 503; attempt 2: 503, then 200.
        _receiver.FailNext(3);

        leadline.Clock.Advance(TimeSpan.FromSeconds(61));
        var delivered = Assert.Single(await workflows.WaitForDeliveriesAsync("DELIVERED", 1, Patience));

        var accepted = Assert.Single(_receiver.Accepted);
        Assert.Equal(4, _receiver.All.Count);
        var form = System.Web.HttpUtility.ParseQueryString(accepted.Text);
        Assert.Equal("HOPPER_EXPIRE", form["event"]);
        Assert.Equal(leadId.ToString(), form["lead_id"]);
        Assert.Equal("Bo", form["first_name"]);
        Assert.Equal("EXPIRED", form["status"]); // the status action ran first
        Assert.Equal("2", form["attempt"]);

        Assert.Equal(2, delivered.GetProperty("attempts").GetInt32());
        var log = delivered.GetProperty("log").EnumerateArray()
            .Select(a => (a.GetProperty("attempt").GetInt32(), a.GetProperty("action_type").GetString(), a.GetProperty("outcome").GetString(),
                a.GetProperty("http_status").ValueKind == JsonValueKind.Number ? a.GetProperty("http_status").GetInt32() : 0))
            .ToList();
        Assert.Equal(
            [(1, "SET_STATUS", "OK", 0), (1, "WEBHOOK", "FAILED", 503), (1, "WEBHOOK", "FAILED", 503), (2, "WEBHOOK", "FAILED", 503), (2, "WEBHOOK", "OK", 200)],
            log);
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM leads WHERE lead_id = $1 AND status = 'EXPIRED'", leadId));
    }

    [Fact]
    public async Task A_receiver_down_past_the_attempt_budget_leaves_a_dead_letter_that_a_retry_delivers()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var workflows = new WorkflowClient(hopper.Account);
        await workflows.CreateHopperExpireRuleAsync(("action_1_type", "WEBHOOK"), ("action_1_url", _receiver.Url()));
        var leadId = await hopper.InsertAsync(expiresInMinutes: 1);
        await hopper.WaitForReadyAsync(1);
        _receiver.SetDown(true);

        leadline.Clock.Advance(TimeSpan.FromSeconds(61));
        var dead = Assert.Single(await workflows.WaitForDeliveriesAsync("DEAD", 1, Patience));
        Assert.Equal(4, dead.GetProperty("attempts").GetInt32());
        Assert.Equal(8, _receiver.All.Count); // 4 attempts × 2 tries, then nothing more
        Assert.Contains("503", dead.GetProperty("last_error").GetString());
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(8, _receiver.All.Count);

        _receiver.SetDown(false);
        var retry = await workflows.PostAsync("deliveries/retry", ("delivery_id", dead.GetProperty("delivery_id").GetString()!));
        Assert.True(retry.Success, retry.Json.ToString());
        Assert.Equal(1, retry.Json.GetProperty("data").GetProperty("retried").GetInt32());

        await workflows.WaitForDeliveriesAsync("DELIVERED", 1, Patience);
        var accepted = Assert.Single(_receiver.Accepted);
        Assert.Equal(leadId.ToString(), JsonDocument.Parse(accepted.Body).RootElement.GetProperty("lead_id").GetString());

        // Retrying what is no longer dead changes nothing.
        var again = await workflows.PostAsync("deliveries/retry", ("delivery_id", dead.GetProperty("delivery_id").GetString()!));
        Assert.Equal(404, (int)again.Status);
        Assert.Equal(6302, again.Code);
    }

    [Fact]
    public async Task Add_to_hopper_puts_the_expired_lead_back_with_the_rules_priority()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var workflows = new WorkflowClient(hopper.Account);
        await workflows.CreateHopperExpireRuleAsync(("action_1_type", "ADD_TO_HOPPER"), ("action_1_priority", "5"));
        var leadId = await hopper.InsertAsync(expiresInMinutes: 1);
        await hopper.WaitForReadyAsync(1);

        leadline.Clock.Advance(TimeSpan.FromSeconds(61));
        await workflows.WaitForDeliveriesAsync("DELIVERED", 1, Patience);

        var pulled = Assert.Single(await hopper.PullAsync(5));
        Assert.Equal((leadId, 5), (pulled.LeadId, pulled.Priority));
    }

    [Fact]
    public async Task Move_to_list_moves_the_expired_lead_and_dedup_follows_it()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var account = hopper.Account;
        var workflows = new WorkflowClient(account);
        var otherCampaign = await account.AddCampaignAsync("Recycled");
        var recycleList = await account.AddListAsync(otherCampaign, "Recycled leads");
        await workflows.CreateHopperExpireRuleAsync(("action_1_type", "MOVE_TO_LIST"), ("action_1_list_id", recycleList.ToString()));
        var phone = TestPhones.Next();
        var inserted = await account.InsertAsync(("phone_number", phone.Raw), ("hopper", "1"), ("hopper_expires_in", "1"));
        Assert.True(inserted.Success, inserted.Json.ToString());
        await hopper.WaitForReadyAsync(1);

        leadline.Clock.Advance(TimeSpan.FromSeconds(61));
        await workflows.WaitForDeliveriesAsync("DELIVERED", 1, Patience);

        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM leads WHERE lead_id = $1 AND list_id = $2 AND campaign_id = $3", inserted.LeadId, recycleList, otherCampaign));
        var intoNewList = await account.InsertAsync(("list_id", recycleList.ToString()), ("phone_number", phone.Raw), ("check_dup", "2"));
        Assert.Equal((6009, inserted.LeadId), (intoNewList.Code, intoNewList.LeadId));
        var intoOldList = await account.InsertAsync(("phone_number", phone.Raw), ("check_dup", "2"));
        Assert.True(intoOldList.Success, intoOldList.Json.ToString());
    }

    [Fact]
    public async Task Rules_fire_only_for_their_campaign_and_only_while_enabled()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var workflows = new WorkflowClient(hopper.Account);
        var otherCampaign = await hopper.Account.AddCampaignAsync("Campaign B");
        await workflows.CreateHopperExpireRuleAsync(("campaign_id", otherCampaign.ToString()),
            ("action_1_type", "WEBHOOK"), ("action_1_url", _receiver.Url("/other-campaign")));
        await workflows.CreateHopperExpireRuleAsync(("enabled", "0"),
            ("action_1_type", "WEBHOOK"), ("action_1_url", _receiver.Url("/disabled")));
        var (deletedRule, _) = await workflows.CreateHopperExpireRuleAsync(
            ("action_1_type", "WEBHOOK"), ("action_1_url", _receiver.Url("/deleted")));
        Assert.True((await workflows.PostAsync("delete", ("rule_id", deletedRule.ToString()))).Success);
        await workflows.CreateHopperExpireRuleAsync(("campaign_id", hopper.Account.CampaignId.ToString()),
            ("action_1_type", "WEBHOOK"), ("action_1_url", _receiver.Url("/this-campaign")));
        await hopper.InsertAsync(expiresInMinutes: 1);
        await hopper.WaitForReadyAsync(1);

        leadline.Clock.Advance(TimeSpan.FromSeconds(61));
        await _receiver.WaitForAcceptedAsync(1, Patience);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Equal(["/this-campaign"], _receiver.All.Select(r => r.Path));
        Assert.Single(await workflows.DeliveriesAsync());
    }

    private async Task<long[]> EventIdsAsync(long campaignId) => [.. await leadline.Database.ListAsync<long>(
        "SELECT event_id FROM workflow_events WHERE campaign_id = $1 AND event_type = 'HOPPER_EXPIRE' ORDER BY event_id", campaignId)];
}
