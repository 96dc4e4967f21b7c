using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;
using Leadline.Grains.Workflows;

namespace Leadline.ApiHost.Workflows;

/// <summary>/v1/workflows/create, search, update, delete: an account's Workflow Automation rules.</summary>
public static class RuleEndpoints
{
    public const string RuleId = "rule_id";
    public const string Enabled = "enabled";

    private static ApiEndpoint Contract(string summary, string example, params ApiParameter[] parameters) =>
        new(ApiScopes.Admin, ApiDialect.Rest, summary) { Parameters = parameters, ExampleAnswer = example };

    private static ApiParameter Action(string field, ApiParameterType type, string description, bool required = false) =>
        new(WorkflowRuleParser.ActionParameter(1, field), type, description, required);

    public static readonly ApiEndpoint CreateContract = Contract(
        "Create a workflow rule: a trigger event and up to 10 ordered actions",
        """{"success":true,"data":{"rule_id":"7","actions":[{"position":1,"type":"WEBHOOK","url":"https://crm.example.com/hook","method":"POST","body_format":"json","secret":"whsec_…"}]}}""",
        new("name", ApiParameterType.Text, $"The rule's name (at most {WorkflowRuleParser.MaxNameLength} characters)", Required: true),
        new("trigger_event", ApiParameterType.Text, $"What fires the rule: {string.Join(", ", WorkflowTriggers.Supported)}", Required: true),
        new("trigger", ApiParameterType.Text, "The same as trigger_event"),
        new("campaign_id", ApiParameterType.Id, "Only this campaign's events; absent = every campaign"),
        new(Enabled, ApiParameterType.Flag, "Whether the rule runs, default yes"),
        Action("type", ApiParameterType.Text,
            $"The first action: {string.Join(", ", WorkflowActionTypes.All)}. The next ones are action_2_…, up to action_{WorkflowRuleParser.MaxActions}_…, numbered without gaps, with the same fields", required: true),
        Action("url", ApiParameterType.Text, "WEBHOOK: http or https URL"),
        Action("method", ApiParameterType.Text, "WEBHOOK: POST (default) or PUT"),
        Action("body_format", ApiParameterType.Text, "WEBHOOK: json (default) or form"),
        Action("secret", ApiParameterType.Text, $"WEBHOOK: signing secret, at least {WorkflowRuleParser.MinSecretLength} characters; generated when absent"),
        Action("status", ApiParameterType.Text, $"SET_STATUS: the status (at most {WorkflowRuleParser.MaxStatusLength} characters)"),
        Action("list_id", ApiParameterType.Id, "MOVE_TO_LIST: the account's list"),
        Action("priority", ApiParameterType.Integer, "ADD_TO_HOPPER: 0-99, default 99"),
        Action("expires_in", ApiParameterType.Integer, "ADD_TO_HOPPER: minutes 1-300, default none"));

    public static readonly ApiEndpoint SearchContract = Contract(
        "List the account's workflow rules, or one",
        """{"success":true,"data":{"total":1,"entries":[{"rule_id":"7","name":"Expired","trigger_event":"HOPPER_EXPIRE","campaign_id":null,"enabled":true,"created_at":"…Z","actions":[],"deliveries":{"pending":0,"delivered":3,"dead":0,"cancelled":0}}]}}""",
        new ApiParameter(RuleId, ApiParameterType.Id, "Only this rule (404 6301 when it is none of the account's)"));

    public static readonly ApiEndpoint UpdateContract = Contract(
        "Switch a workflow rule on or off",
        """{"success":true,"data":{"rule_id":"7","enabled":false}}""",
        new(RuleId, ApiParameterType.Id, "The rule", Required: true),
        new(Enabled, ApiParameterType.Flag, "Whether the rule runs", Required: true));

    public static readonly ApiEndpoint DeleteContract = Contract(
        "Delete a workflow rule (its history stays; pending deliveries are cancelled)",
        """{"success":true,"data":{"rule_id":"7","deleted":true}}""",
        new ApiParameter(RuleId, ApiParameterType.Id, "The rule", Required: true));

    public static async Task<ApiResult> CreateAsync(
        ApiRequest request, AccountDirectory directory, WorkflowRuleStore rules, IConfiguration configuration)
    {
        // Every numbered action parameter is the parser's; any other name the contract does not know is ignored.
        request.Ignored = [.. request.Values.Keys
            .Where(name => !request.Endpoint.Declares(name) && !WorkflowRuleParser.IsActionParameter(name))
            .Order(StringComparer.Ordinal)];
        var (rule, error) = WorkflowRuleParser.Parse(request.Values, configuration.GetValue<bool>(WebhookTargets.AllowInternalConfigKey));
        error ??= await CheckAccountIdsAsync(directory, request.AccountId, rule!);
        if (error is not null)
            return ApiResult.Refused(error);

        var ruleId = await rules.CreateAsync(request.AccountId, rule!);
        return ApiResult.Data(json =>
        {
            json.WriteString("rule_id", ApiResponses.Id(ruleId));
            // The webhook secrets, this once: the receiver needs them to verify signatures.
            json.WriteStartArray("actions");
            foreach (var (action, position) in rule!.Actions.Select((a, i) => (a, i + 1)))
                WorkflowJson.WriteAction(json, action, position, revealSecret: true);
            json.WriteEndArray();
        });
    }

    public static async Task<ApiResult> SearchAsync(ApiRequest request, WorkflowRuleStore rules)
    {
        var ruleId = request.OptionalId(RuleId, WorkflowErrors.NoSuchRule);
        var found = await rules.ListAsync(request.AccountId, ruleId);
        if (ruleId is not null && found.Count == 0)
            return ApiResult.Refused(WorkflowErrors.NoSuchRule);
        return ApiResult.Data(json =>
        {
            json.WriteNumber("total", found.Count);
            json.WriteStartArray("entries");
            foreach (var rule in found)
                WorkflowJson.WriteRule(json, rule);
            json.WriteEndArray();
        });
    }

    /// <summary>enabled (a flag: 1/0, true/false, yes/no …) switches a rule off and on without losing it.</summary>
    public static async Task<ApiResult> UpdateAsync(ApiRequest request, WorkflowRuleStore rules)
    {
        var ruleId = request.Id(RuleId, WorkflowErrors.NoSuchRule);
        var enabled = request.OptionalFlag(Enabled) ?? throw ApiRequest.Refuse(ConvosoErrors.Required(Enabled));
        if (!await rules.SetEnabledAsync(request.AccountId, ruleId, enabled))
            return ApiResult.Refused(WorkflowErrors.NoSuchRule);
        return ApiResult.Data(json =>
        {
            json.WriteString("rule_id", ApiResponses.Id(ruleId));
            json.WriteBoolean("enabled", enabled);
        });
    }

    public static async Task<ApiResult> DeleteAsync(ApiRequest request, WorkflowRuleStore rules)
    {
        var ruleId = request.Id(RuleId, WorkflowErrors.NoSuchRule);
        if (!await rules.DeleteAsync(request.AccountId, ruleId))
            return ApiResult.Refused(WorkflowErrors.NoSuchRule);
        return ApiResult.Data(json =>
        {
            json.WriteString("rule_id", ApiResponses.Id(ruleId));
            json.WriteBoolean("deleted", true);
        });
    }

    /// <summary>A campaign filter and a move-to list must be the account's own; another's is "no such".</summary>
    internal static async Task<ConvosoError?> CheckAccountIdsAsync(AccountDirectory directory, long accountId, NewWorkflowRule rule)
    {
        if (rule.CampaignId is { } campaignId && await directory.FindCampaignAsync(accountId, campaignId) is null)
            return WorkflowErrors.NoSuchCampaign;
        foreach (var action in rule.Actions)
            if (action.ListId is { } listId && await directory.FindListAsync(accountId, listId) is null)
                return WorkflowErrors.NoSuchList;
        return null;
    }
}
