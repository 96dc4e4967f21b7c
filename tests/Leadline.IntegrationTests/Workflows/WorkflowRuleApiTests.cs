using Leadline.ApiHost.Auth;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Workflows;

/// <summary>/v1/workflows/create, search, update, delete over HTTP: what is stored, what is shown, what is refused.</summary>
public sealed class WorkflowRuleApiTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    [Fact]
    public async Task A_rule_round_trips_and_its_webhook_secret_is_shown_only_at_creation()
    {
        var workflows = new WorkflowClient(await leadline.CreateAccountAsync());
        var (ruleId, created) = await workflows.CreateHopperExpireRuleAsync(
            ("trigger_event", "Hopper Expired"), ("campaign_id", workflows.Account.CampaignId.ToString()),
            ("action_1_type", "SET_STATUS"), ("action_1_status", "EXPIRED"),
            ("action_2_type", "WEBHOOK"), ("action_2_url", "https://hooks.example.com/leadline"), ("action_2_body_format", "form"),
            ("action_3_type", "ADD_TO_HOPPER"), ("action_3_priority", "10"), ("action_3_expires_in", "30"),
            ("action_4_type", "MOVE_TO_LIST"), ("action_4_list_id", workflows.Account.ListId.ToString()));
        var secret = created.GetProperty("actions")[1].GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);

        var search = await workflows.PostAsync("search");
        var rule = Assert.Single(search.Json.GetProperty("data").GetProperty("entries").EnumerateArray());
        Assert.Equal(ruleId.ToString(), rule.GetProperty("rule_id").GetString());
        Assert.Equal("HOPPER_EXPIRE", rule.GetProperty("trigger_event").GetString());
        Assert.Equal(workflows.Account.CampaignId.ToString(), rule.GetProperty("campaign_id").GetString());
        Assert.True(rule.GetProperty("enabled").GetBoolean());
        var actions = rule.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(["SET_STATUS", "WEBHOOK", "ADD_TO_HOPPER", "MOVE_TO_LIST"], actions.Select(a => a.GetProperty("type").GetString()));
        Assert.Equal("EXPIRED", actions[0].GetProperty("status").GetString());
        Assert.Equal("https://hooks.example.com/leadline", actions[1].GetProperty("url").GetString());
        Assert.Equal("form", actions[1].GetProperty("body_format").GetString());
        Assert.Equal(secret[^4..], actions[1].GetProperty("secret_hint").GetString());
        Assert.DoesNotContain(secret, search.Json.ToString());
        Assert.Equal((10, 30), (actions[2].GetProperty("priority").GetInt32(), actions[2].GetProperty("expires_in").GetInt32()));
        Assert.Equal(workflows.Account.ListId.ToString(), actions[3].GetProperty("list_id").GetString());

        var disable = await workflows.PostAsync("update", ("rule_id", ruleId.ToString()), ("enabled", "0"));
        Assert.True(disable.Success, disable.Json.ToString());
        Assert.False((await workflows.PostAsync("search", ("rule_id", ruleId.ToString())))
            .Json.GetProperty("data").GetProperty("entries")[0].GetProperty("enabled").GetBoolean());

        Assert.True((await workflows.PostAsync("delete", ("rule_id", ruleId.ToString()))).Success);
        Assert.Empty((await workflows.PostAsync("search")).Json.GetProperty("data").GetProperty("entries").EnumerateArray());
        var again = await workflows.PostAsync("delete", ("rule_id", ruleId.ToString()));
        Assert.Equal((404, 6301), ((int)again.Status, again.Code));
    }

    public static TheoryData<string, string[]> BadRules => new()
    {
        { "name", ["trigger_event", "HOPPER_EXPIRE", "action_1_type", "SET_STATUS", "action_1_status", "X"] },
        { "trigger_event", ["name", "r", "action_1_type", "SET_STATUS", "action_1_status", "X"] },
        { "trigger_event", ["name", "r", "trigger_event", "LEAD_DELETED", "action_1_type", "SET_STATUS", "action_1_status", "X"] },
        { "action_1_type", ["name", "r", "trigger_event", "HOPPER_EXPIRE"] },
        { "action_1_type", ["name", "r", "trigger_event", "HOPPER_EXPIRE", "action_1_type", "SEND_FAX"] },
        { "action_1_url", ["name", "r", "trigger_event", "HOPPER_EXPIRE", "action_1_type", "WEBHOOK"] },
        { "action_1_url", ["name", "r", "trigger_event", "HOPPER_EXPIRE", "action_1_type", "WEBHOOK", "action_1_url", "ftp://example.com/x"] },
        { "action_1_url", ["name", "r", "trigger_event", "HOPPER_EXPIRE", "action_1_type", "WEBHOOK", "action_1_url", "/relative"] },
        { "action_1_method", ["name", "r", "trigger_event", "HOPPER_EXPIRE", "action_1_type", "WEBHOOK", "action_1_url", "http://x.example/h", "action_1_method", "DELETE"] },
        { "action_1_body_format", ["name", "r", "trigger_event", "HOPPER_EXPIRE", "action_1_type", "WEBHOOK", "action_1_url", "http://x.example/h", "action_1_body_format", "xml"] },
        { "action_1_secret", ["name", "r", "trigger_event", "HOPPER_EXPIRE", "action_1_type", "WEBHOOK", "action_1_url", "http://x.example/h", "action_1_secret", "short"] },
        { "action_1_status", ["name", "r", "trigger_event", "HOPPER_EXPIRE", "action_1_type", "SET_STATUS"] },
        { "action_1_status", ["name", "r", "trigger_event", "HOPPER_EXPIRE", "action_1_type", "SET_STATUS", "action_1_status", new string('S', 33)] },
        { "action_1_priority", ["name", "r", "trigger_event", "HOPPER_EXPIRE", "action_1_type", "ADD_TO_HOPPER", "action_1_priority", "100"] },
        { "action_1_expires_in", ["name", "r", "trigger_event", "HOPPER_EXPIRE", "action_1_type", "ADD_TO_HOPPER", "action_1_expires_in", "301"] },
        { "action_1_list_id", ["name", "r", "trigger_event", "HOPPER_EXPIRE", "action_1_type", "MOVE_TO_LIST", "action_1_list_id", "abc"] },
        { "action_3_type", ["name", "r", "trigger_event", "HOPPER_EXPIRE", "action_1_type", "SET_STATUS", "action_1_status", "X", "action_3_type", "SET_STATUS", "action_3_status", "Y"] },
        { "enabled", ["name", "r", "trigger_event", "HOPPER_EXPIRE", "enabled", "maybe", "action_1_type", "SET_STATUS", "action_1_status", "X"] },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public async Task A_bad_rule_is_refused_naming_the_parameter_and_nothing_is_stored(string parameter, string[] fields)
    {
        var workflows = new WorkflowClient(await leadline.CreateAccountAsync());
        var pairs = fields.Chunk(2).Select(p => (p[0], p[1])).ToArray();

        var answer = await workflows.PostAsync("create", pairs);

        Assert.Equal((400, 6050), ((int)answer.Status, answer.Code));
        Assert.Contains(parameter, answer.Text);
        Assert.Equal(0, await leadline.Database.ScalarAsync("SELECT count(*) FROM workflow_rules WHERE account_id = $1", workflows.Account.AccountId));
    }

    [Theory]
    [InlineData("no", "yes", false, true)]
    [InlineData("false", "true", false, true)]
    [InlineData("off", "ON", false, true)]
    [InlineData("1", "n", true, false)]
    public async Task Enabled_takes_the_words_of_the_one_flag_parser_on_create_and_update(
        string atCreate, string atUpdate, bool createdEnabled, bool updatedEnabled)
    {
        var workflows = new WorkflowClient(await leadline.CreateAccountAsync());
        var (ruleId, _) = await workflows.CreateHopperExpireRuleAsync(("enabled", atCreate), ("action_1_type", "SET_STATUS"), ("action_1_status", "X"));
        async Task<bool> StoredAsync() =>
            await leadline.Database.ScalarAsync("SELECT count(*) FROM workflow_rules WHERE rule_id = $1 AND enabled", ruleId) == 1;
        Assert.Equal(createdEnabled, await StoredAsync());

        var updated = await workflows.PostAsync("update", ("rule_id", ruleId.ToString()), ("enabled", atUpdate));

        Assert.True(updated.Success, updated.Json.ToString());
        Assert.Equal(updatedEnabled, updated.Json.GetProperty("data").GetProperty("enabled").GetBoolean());
        Assert.Equal(updatedEnabled, await StoredAsync());
    }

    [Fact]
    public async Task Update_without_enabled_or_with_a_non_flag_is_400_6050_and_changes_nothing()
    {
        var workflows = new WorkflowClient(await leadline.CreateAccountAsync());
        var (ruleId, _) = await workflows.CreateHopperExpireRuleAsync(("action_1_type", "SET_STATUS"), ("action_1_status", "X"));

        var missing = await workflows.PostAsync("update", ("rule_id", ruleId.ToString()));
        var wrong = await workflows.PostAsync("update", ("rule_id", ruleId.ToString()), ("enabled", "2"));

        Assert.Equal((400, 6050), ((int)missing.Status, missing.Code));
        Assert.Equal((400, 6050), ((int)wrong.Status, wrong.Code));
        Assert.Contains("enabled", wrong.Text);
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM workflow_rules WHERE rule_id = $1 AND enabled", ruleId));
    }

    [Fact]
    public async Task Create_lists_unknown_parameters_as_ignored_but_not_its_numbered_action_parameters()
    {
        var workflows = new WorkflowClient(await leadline.CreateAccountAsync());

        var answer = await workflows.PostAsync("create", ("name", "r"), ("trigger_event", "HOPPER_EXPIRE"), ("colour", "blue"),
            ("action_1_type", "ADD_TO_HOPPER"), ("action_1_priority", "5"), ("action_1_expires_in", "10"),
            ("action_2_type", "SET_STATUS"), ("action_2_status", "X"), ("action_2_colour", "red"));

        Assert.True(answer.Success, answer.Json.ToString());
        Assert.Equal(["action_2_colour", "colour"], answer.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_bad_token_is_401_with_the_json_envelope()
    {
        var workflows = new WorkflowClient(await leadline.CreateAccountAsync());

        var answer = await workflows.PostAsync("search", ("auth_token", "wrong"));

        Assert.Equal((401, false, 5001), ((int)answer.Status, answer.Success, answer.Code));
        Assert.Equal(answer.Text, answer.Json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Another_accounts_campaigns_lists_rules_and_deliveries_do_not_exist_for_a_token()
    {
        var mine = new WorkflowClient(await leadline.CreateAccountAsync());
        var theirs = new WorkflowClient(await leadline.CreateAccountAsync());
        var (theirRule, _) = await theirs.CreateHopperExpireRuleAsync(("action_1_type", "SET_STATUS"), ("action_1_status", "X"));

        var withTheirCampaign = await mine.PostAsync("create", ("name", "r"), ("trigger_event", "HOPPER_EXPIRE"),
            ("campaign_id", theirs.Account.CampaignId.ToString()), ("action_1_type", "SET_STATUS"), ("action_1_status", "X"));
        Assert.Equal((404, 6005), ((int)withTheirCampaign.Status, withTheirCampaign.Code));
        var withTheirList = await mine.PostAsync("create", ("name", "r"), ("trigger_event", "HOPPER_EXPIRE"),
            ("action_1_type", "MOVE_TO_LIST"), ("action_1_list_id", theirs.Account.ListId.ToString()));
        Assert.Equal((404, 6002), ((int)withTheirList.Status, withTheirList.Code));

        foreach (var (action, fields) in new (string, (string, string)[])[]
        {
            ("search", [("rule_id", theirRule.ToString())]),
            ("update", [("rule_id", theirRule.ToString()), ("enabled", "0")]),
            ("delete", [("rule_id", theirRule.ToString())]),
        })
        {
            var answer = await mine.PostAsync(action, fields);
            Assert.Equal((404, 6301), ((int)answer.Status, answer.Code));
        }
        Assert.Empty((await mine.PostAsync("search")).Json.GetProperty("data").GetProperty("entries").EnumerateArray());
        Assert.Empty(await mine.DeliveriesAsync(("rule_id", theirRule.ToString())));
        var retry = await mine.PostAsync("deliveries/retry", ("rule_id", theirRule.ToString()));
        Assert.Equal(0, retry.Json.GetProperty("data").GetProperty("retried").GetInt32());

        Assert.Equal(0, await leadline.Database.ScalarAsync("SELECT count(*) FROM workflow_rules WHERE account_id = $1", mine.Account.AccountId));
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM workflow_rules WHERE rule_id = $1 AND enabled AND deleted_at IS NULL", theirRule));
    }

    [Fact]
    public async Task A_token_without_the_admin_scope_may_not_manage_workflows()
    {
        var account = await leadline.CreateAccountAsync();
        var vendorToken = await leadline.Accounts.CreateTokenAsync(account.AccountId, "vendor", [ApiScopes.Leads, ApiScopes.Hopper]);
        var workflows = new WorkflowClient(account);

        var answer = await workflows.PostAsync("search", ("auth_token", vendorToken.Secret));

        Assert.Equal((403, 5002), ((int)answer.Status, answer.Code));
    }

    [Fact]
    public async Task Delivery_search_refuses_bad_filters()
    {
        var workflows = new WorkflowClient(await leadline.CreateAccountAsync());
        foreach (var (name, value) in new[] { ("state", "LOST"), ("limit", "0"), ("limit", "501"), ("offset", "-1"), ("rule_id", "x") })
        {
            var answer = await workflows.PostAsync("deliveries/search", (name, value));
            Assert.Equal((400, 6050), ((int)answer.Status, answer.Code));
            Assert.Contains(name, answer.Text);
        }
        var retry = await workflows.PostAsync("deliveries/retry");
        Assert.Equal((400, 6050), ((int)retry.Status, retry.Code));
    }
}
