using Leadline.Grains.Workflows;
using Leadline.IntegrationTests.Hopper;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Workflows;

/// <summary>A cluster with production's webhook policy: no loopback, private or link-local targets.</summary>
public sealed class NoInternalWebhooksCluster : LeadlineCluster
{
    private readonly string _clockName = Guid.NewGuid().ToString("N");

    protected override string? FakeClockName => _clockName;

    protected override IReadOnlyDictionary<string, string> Settings { get; } =
        new Dictionary<string, string> { [WebhookTargets.AllowInternalConfigKey] = "false" };

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => FakeClock.For(_clockName);
}

/// <summary>
/// A tenant's webhook cannot make the silos call the machine or its network: such a URL is refused when
/// the rule is saved, and a rule that reaches an internal address anyway (a name resolving to one) fails
/// at connect time without a byte reaching the address.
/// </summary>
public sealed class WebhookTargetTests(NoInternalWebhooksCluster leadline) : IClassFixture<NoInternalWebhooksCluster>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_rule_with_a_webhook_to_this_machine_is_refused_and_not_saved()
    {
        var workflows = new WorkflowClient(await leadline.CreateAccountAsync());

        var refused = await workflows.PostAsync("create",
            ("name", "to the database"), ("trigger_event", "HOPPER_EXPIRE"), ("action_1_type", "WEBHOOK"), ("action_1_url", _receiver.Url()));

        Assert.Equal(400, (int)refused.Status);
        Assert.Equal(6050, refused.Code);
        Assert.Contains("action_1_url", refused.Json.GetProperty("text").GetString());
        Assert.Equal(0, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM workflow_rules WHERE account_id = $1", workflows.Account.AccountId));
    }

    [Fact]
    public async Task A_webhook_that_resolves_to_this_machine_is_not_called_and_its_delivery_says_why()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        var workflows = new WorkflowClient(hopper.Account);
        var (ruleId, _) = await workflows.CreateHopperExpireRuleAsync(("action_1_type", "WEBHOOK"), ("action_1_url", "https://hooks.example.com/leadline"));
        // As if hooks.example.com now resolved here: "localhost" is a name, so only the connect-time check can stop it.
        var local = _receiver.Url().Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            """
            WITH changed AS (UPDATE workflow_actions SET config = jsonb_set(config, '{url}', to_jsonb($2::text))
                             WHERE rule_id = $1 AND action_type = 'WEBHOOK' RETURNING 1)
            SELECT count(*) FROM changed
            """, ruleId, local));
        await hopper.InsertAsync(expiresInMinutes: 1);
        await hopper.WaitForReadyAsync(1);

        leadline.Clock.Advance(TimeSpan.FromSeconds(61));

        var dead = Assert.Single(await workflows.WaitForDeliveriesAsync("DEAD", 1, TimeSpan.FromSeconds(30)));
        Assert.Contains("resolves only to internal addresses", dead.GetProperty("last_error").GetString());
        Assert.Empty(_receiver.All);
    }
}
