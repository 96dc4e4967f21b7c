using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Workflows;
using Leadline.Grains.Workflows;

namespace Leadline.UnitTests.Workflows;

public class WorkflowRuleParserTests
{
    private const string Hook = "https://hooks.example.com/leadline";

    /// <summary>"key=value" pairs over a valid rule's name and trigger; "key=" blanks one (blank is absent).</summary>
    private static Dictionary<string, string> Values(params string[] pairs)
    {
        var values = new Dictionary<string, string> { ["name"] = "Expired to CRM", ["trigger_event"] = "HOPPER_EXPIRE" };
        foreach (var pair in pairs)
        {
            var parts = pair.Split('=', 2);
            values[parts[0]] = parts[1];
        }
        return values;
    }

    private static NewWorkflowRule Accepted(Dictionary<string, string> values, bool allowInternalTargets = false)
    {
        var (rule, error) = WorkflowRuleParser.Parse(values, allowInternalTargets);
        Assert.Null(error);
        return Assert.IsType<NewWorkflowRule>(rule);
    }

    private static ConvosoError Refused(Dictionary<string, string> values)
    {
        var (rule, error) = WorkflowRuleParser.Parse(values, allowInternalTargets: false);
        Assert.Null(rule);
        Assert.NotNull(error);
        Assert.Equal(400, error.HttpStatus);
        Assert.Equal(6050, error.Code);
        return error;
    }

    private static void AssertRequired(Dictionary<string, string> values, string parameter) =>
        Assert.Equal(ConvosoErrors.Required(parameter), Refused(values));

    private static void AssertInvalid(Dictionary<string, string> values, string parameter) =>
        Assert.StartsWith($"Invalid value for {parameter}: ", Refused(values).Text);

    // ---- accepted ----

    [Fact]
    public void A_minimal_webhook_rule_gets_the_defaults()
    {
        var rule = Accepted(Values("action_1_type=WEBHOOK", $"action_1_url={Hook}"));

        Assert.Equal("Expired to CRM", rule.Name);
        Assert.Equal(WorkflowTriggers.HopperExpire, rule.TriggerEvent);
        Assert.Null(rule.CampaignId);
        Assert.True(rule.Enabled);
        var action = Assert.Single(rule.Actions);
        Assert.Equal(WorkflowActionTypes.Webhook, action.Type);
        Assert.Equal(Hook, action.Url);
        Assert.Equal("POST", action.Method);
        Assert.Equal(WebhookBodyFormats.Json, action.BodyFormat);
        Assert.StartsWith("whsec_", action.Secret);
        Assert.True(action.Secret!.Length >= WorkflowRuleParser.MinSecretLength);
        Assert.Null(action.Status);
        Assert.Null(action.ListId);
        Assert.Null(action.Priority);
        Assert.Null(action.ExpiresInMinutes);
    }

    [Fact]
    public void Generated_secrets_differ_per_call()
    {
        var values = Values("action_1_type=WEBHOOK", $"action_1_url={Hook}");

        var first = Accepted(values).Actions[0].Secret;
        var second = Accepted(values).Actions[0].Secret;

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Generated_secrets_differ_between_actions_of_one_rule()
    {
        var rule = Accepted(Values("action_1_type=WEBHOOK", $"action_1_url={Hook}", "action_2_type=WEBHOOK", $"action_2_url={Hook}/2"));

        Assert.NotEqual(rule.Actions[0].Secret, rule.Actions[1].Secret);
    }

    [Fact]
    public void A_webhook_takes_its_given_method_format_and_secret_case_insensitively()
    {
        var rule = Accepted(Values("action_1_type=webhook", $"action_1_url={Hook}", "action_1_method=put",
            "action_1_body_format=FORM", "action_1_secret=  my-own-secret-0123  "));

        var action = rule.Actions[0];
        Assert.Equal(WorkflowActionTypes.Webhook, action.Type);
        Assert.Equal("PUT", action.Method);
        Assert.Equal(WebhookBodyFormats.Form, action.BodyFormat);
        Assert.Equal("my-own-secret-0123", action.Secret);
    }

    [Fact]
    public void A_webhook_url_keeps_its_query()
    {
        const string url = "http://hooks.example.com:8080/in?source=leadline&kind=expire";
        var rule = Accepted(Values("action_1_type=WEBHOOK", $"action_1_url={url}"));

        Assert.Equal(url, rule.Actions[0].Url);
    }

    [Fact]
    public void A_webhook_url_keeps_its_escapes()
    {
        var (rule, _) = WorkflowRuleParser.Parse(new Dictionary<string, string>
        {
            ["name"] = "r", ["trigger_event"] = "HOPPER_EXPIRE",
            ["action_1_type"] = "WEBHOOK", ["action_1_url"] = "https://hooks.example.com/in?b=x%20y&c=%26",
        }, allowInternalTargets: false);

        Assert.Equal("https://hooks.example.com/in?b=x%20y&c=%26", rule!.Actions[0].Url);
    }

    [Fact]
    public void A_set_status_rule()
    {
        var rule = Accepted(Values("action_1_type=SET_STATUS", "action_1_status=EXPIRED"));

        Assert.Equal(new WorkflowAction { Type = WorkflowActionTypes.SetStatus, Status = "EXPIRED" }, Assert.Single(rule.Actions));
    }

    [Fact]
    public void A_status_of_exactly_the_maximum_length_is_accepted()
    {
        var status = new string('S', WorkflowRuleParser.MaxStatusLength);

        Assert.Equal(status, Accepted(Values("action_1_type=SET_STATUS", $"action_1_status={status}")).Actions[0].Status);
    }

    [Fact]
    public void A_move_to_list_rule()
    {
        var rule = Accepted(Values("action_1_type=MOVE_TO_LIST", "action_1_list_id=42"));

        Assert.Equal(new WorkflowAction { Type = WorkflowActionTypes.MoveToList, ListId = 42 }, Assert.Single(rule.Actions));
    }

    [Fact]
    public void An_add_to_hopper_rule_defaults_to_priority_99_and_no_expiry()
    {
        var rule = Accepted(Values("action_1_type=ADD_TO_HOPPER"));

        Assert.Equal(new WorkflowAction { Type = WorkflowActionTypes.AddToHopper, Priority = 99, ExpiresInMinutes = null }, Assert.Single(rule.Actions));
    }

    [Theory]
    [InlineData("0", "1", 0, 1)]
    [InlineData("99", "300", 99, 300)]
    [InlineData("50", "", 50, null)]
    public void An_add_to_hopper_rule_takes_priority_and_expires_in_within_range(string priority, string expiresIn, int expectedPriority, int? expectedExpiry)
    {
        var rule = Accepted(Values("action_1_type=ADD_TO_HOPPER", $"action_1_priority={priority}", $"action_1_expires_in={expiresIn}"));

        Assert.Equal(expectedPriority, rule.Actions[0].Priority);
        Assert.Equal(expectedExpiry, rule.Actions[0].ExpiresInMinutes);
    }

    [Fact]
    public void Several_actions_keep_their_order_with_campaign_and_enabled()
    {
        var rule = Accepted(Values("trigger_event=", "trigger=Hopper Expired", "campaign_id=77", "enabled=0",
            "action_1_type=SET_STATUS", "action_1_status=EXPIRED",
            "action_2_type=WEBHOOK", $"action_2_url={Hook}",
            "action_3_type=ADD_TO_HOPPER", "action_3_priority=10"));

        Assert.Equal(WorkflowTriggers.HopperExpire, rule.TriggerEvent);
        Assert.Equal(77, rule.CampaignId);
        Assert.False(rule.Enabled);
        Assert.Equal(["SET_STATUS", "WEBHOOK", "ADD_TO_HOPPER"], rule.Actions.Select(a => a.Type));
    }

    [Fact]
    public void Ten_actions_and_a_name_of_100_characters_are_accepted()
    {
        var pairs = Enumerable.Range(1, WorkflowRuleParser.MaxActions)
            .SelectMany(n => new[] { $"action_{n}_type=SET_STATUS", $"action_{n}_status=S{n}" })
            .Append($"name={new string('n', WorkflowRuleParser.MaxNameLength)}")
            .ToArray();

        var rule = Accepted(Values(pairs));

        Assert.Equal(10, rule.Actions.Count);
        Assert.Equal("S10", rule.Actions[9].Status);
        Assert.Equal(100, rule.Name.Length);
    }

    [Fact]
    public void ActionParameter_names_a_numbered_parameter()
    {
        Assert.Equal("action_3_url", WorkflowRuleParser.ActionParameter(3, "url"));
    }

    // ---- refused ----

    [Theory]
    [InlineData("name=")]
    [InlineData("name=   ")]
    public void A_missing_name_is_refused(string blank)
    {
        AssertRequired(Values(blank, "action_1_type=ADD_TO_HOPPER"), "name");
    }

    [Fact]
    public void A_name_longer_than_100_characters_is_refused()
    {
        AssertInvalid(Values($"name={new string('n', 101)}", "action_1_type=ADD_TO_HOPPER"), "name");
    }

    [Fact]
    public void A_missing_trigger_is_refused()
    {
        AssertRequired(Values("trigger_event=", "action_1_type=ADD_TO_HOPPER"), "trigger_event");
    }

    [Theory]
    [InlineData("LEAD_INSERTED")]
    [InlineData("expire")]
    public void An_unknown_trigger_is_refused(string trigger)
    {
        AssertInvalid(Values($"trigger_event={trigger}", "action_1_type=ADD_TO_HOPPER"), "trigger_event");
    }

    [Fact]
    public void A_rule_without_actions_is_refused()
    {
        AssertRequired(Values(), "action_1_type");
    }

    [Fact]
    public void A_rule_starting_at_action_2_is_refused_for_lack_of_action_1()
    {
        AssertRequired(Values("action_2_type=ADD_TO_HOPPER"), "action_1_type");
    }

    [Fact]
    public void More_than_ten_actions_are_refused()
    {
        var pairs = Enumerable.Range(1, 11).Select(n => $"action_{n}_type=ADD_TO_HOPPER").ToArray();

        AssertInvalid(Values(pairs), "action_11_type");
    }

    [Fact]
    public void A_gap_in_the_numbering_is_refused()
    {
        AssertInvalid(Values("action_1_type=ADD_TO_HOPPER", "action_3_type=ADD_TO_HOPPER"), "action_3_type");
    }

    [Fact]
    public void A_parameter_of_an_action_beyond_the_last_is_refused()
    {
        AssertInvalid(Values("action_1_type=ADD_TO_HOPPER", "action_2_priority=5"), "action_2_priority");
    }

    [Theory]
    [InlineData("TELEPORT")]
    [InlineData("SEND_EMAIL")]
    public void An_unknown_action_type_is_refused(string type)
    {
        AssertInvalid(Values($"action_1_type={type}"), "action_1_type");
    }

    [Fact]
    public void An_error_in_a_later_action_names_that_action()
    {
        AssertInvalid(Values("action_1_type=ADD_TO_HOPPER", "action_2_type=WEBHOOK", "action_2_url=ftp://x.example.com/"), "action_2_url");
    }

    [Fact]
    public void A_webhook_without_url_is_refused()
    {
        AssertRequired(Values("action_1_type=WEBHOOK"), "action_1_url");
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/in")]
    [InlineData("hooks.example.com/in")]
    [InlineData("/relative/path")]
    [InlineData("not a url")]
    [InlineData("file:///etc/passwd")]
    public void A_webhook_with_a_bad_url_is_refused(string url)
    {
        AssertInvalid(Values("action_1_type=WEBHOOK", $"action_1_url={url}"), "action_1_url");
    }

    [Theory]
    [InlineData("http://127.0.0.1:5432/")]
    [InlineData("http://localhost:11111/silo")]
    [InlineData("http://api.localhost/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://192.168.0.10/hook")]
    [InlineData("http://0.0.0.0:8080/")]
    public void A_webhook_to_a_loopback_private_or_link_local_address_is_refused_unless_allowed(string url)
    {
        var error = Refused(Values("action_1_type=WEBHOOK", $"action_1_url={url}"));

        Assert.Equal("Invalid value for action_1_url: must not point at a loopback, private or link-local address", error.Text);
        Assert.Equal(new Uri(url).AbsoluteUri, Accepted(Values("action_1_type=WEBHOOK", $"action_1_url={url}"), allowInternalTargets: true).Actions[0].Url);
    }

    [Fact]
    public void A_webhook_url_longer_than_2000_characters_is_refused()
    {
        var url = "https://hooks.example.com/" + new string('a', 2000);

        AssertInvalid(Values("action_1_type=WEBHOOK", $"action_1_url={url}"), "action_1_url");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public void A_webhook_with_a_bad_method_is_refused(string method)
    {
        AssertInvalid(Values("action_1_type=WEBHOOK", $"action_1_url={Hook}", $"action_1_method={method}"), "action_1_method");
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("multipart")]
    public void A_webhook_with_a_bad_body_format_is_refused(string format)
    {
        AssertInvalid(Values("action_1_type=WEBHOOK", $"action_1_url={Hook}", $"action_1_body_format={format}"), "action_1_body_format");
    }

    [Fact]
    public void A_webhook_secret_shorter_than_16_characters_is_refused()
    {
        AssertInvalid(Values("action_1_type=WEBHOOK", $"action_1_url={Hook}", "action_1_secret=0123456789abcde"), "action_1_secret");
    }

    [Fact]
    public void A_webhook_secret_of_16_characters_is_accepted()
    {
        Assert.Equal("0123456789abcdef",
            Accepted(Values("action_1_type=WEBHOOK", $"action_1_url={Hook}", "action_1_secret=0123456789abcdef")).Actions[0].Secret);
    }

    [Fact]
    public void A_set_status_without_status_is_refused()
    {
        AssertRequired(Values("action_1_type=SET_STATUS"), "action_1_status");
    }

    [Fact]
    public void A_status_longer_than_32_characters_is_refused()
    {
        AssertInvalid(Values("action_1_type=SET_STATUS", $"action_1_status={new string('S', 33)}"), "action_1_status");
    }

    [Fact]
    public void A_status_with_a_nul_character_is_refused()
    {
        AssertInvalid(Values("action_1_type=SET_STATUS", "action_1_status=EXP\0IRED"), "action_1_status");
    }

    [Fact]
    public void A_move_to_list_without_list_id_is_refused()
    {
        AssertRequired(Values("action_1_type=MOVE_TO_LIST"), "action_1_list_id");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public void A_list_id_that_is_not_an_id_is_refused(string listId)
    {
        AssertInvalid(Values("action_1_type=MOVE_TO_LIST", $"action_1_list_id={listId}"), "action_1_list_id");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("100")]
    [InlineData("high")]
    public void A_priority_out_of_range_is_refused(string priority)
    {
        AssertInvalid(Values("action_1_type=ADD_TO_HOPPER", $"action_1_priority={priority}"), "action_1_priority");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    [InlineData("-10")]
    [InlineData("soon")]
    public void An_expires_in_out_of_range_is_refused(string expiresIn)
    {
        AssertInvalid(Values("action_1_type=ADD_TO_HOPPER", $"action_1_expires_in={expiresIn}"), "action_1_expires_in");
    }

    [Theory]
    [InlineData("x")]
    [InlineData("0")]
    public void A_campaign_id_that_is_not_an_id_is_refused(string campaignId)
    {
        AssertInvalid(Values($"campaign_id={campaignId}", "action_1_type=ADD_TO_HOPPER"), "campaign_id");
    }

    [Theory]
    [InlineData("2")]
    [InlineData("maybe")]
    public void An_enabled_that_is_no_flag_is_refused(string enabled)
    {
        AssertInvalid(Values($"enabled={enabled}", "action_1_type=ADD_TO_HOPPER"), "enabled");
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("Yes", true)]
    [InlineData("on", true)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("N", false)]
    public void Enabled_takes_every_spelling_of_the_one_flag_parser(string enabled, bool expected)
    {
        Assert.Equal(expected, Accepted(Values($"enabled={enabled}", "action_1_type=ADD_TO_HOPPER")).Enabled);
    }

    [Theory]
    [InlineData("action_1_type", true)]
    [InlineData("action_10_expires_in", true)]
    [InlineData("action_11_type", false)]
    [InlineData("action_0_type", false)]
    [InlineData("action_01_type", false)]
    [InlineData("action_1_colour", false)]
    [InlineData("actions_1_type", false)]
    public void Action_parameters_are_numbered_fields_the_parser_reads(string name, bool expected)
    {
        Assert.Equal(expected, WorkflowRuleParser.IsActionParameter(name));
    }
}
