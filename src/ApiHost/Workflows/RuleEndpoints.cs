using System.Text.Json;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.Grains.Workflows;
using static Leadline.ApiHost.Convoso.ApiParameters;

namespace Leadline.ApiHost.Workflows;

/// <summary>/v1/workflows/create, search, update, delete: an account's Workflow Automation rules.</summary>
public static class RuleEndpoints
{

    public static async Task CreateAsync(
        HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, WorkflowRuleStore rules, IConfiguration configuration)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Admin);
        NewWorkflowRule? rule = null;
        if (error is null)
            (rule, error) = WorkflowRuleParser.Parse(call!.Values, configuration.GetValue<bool>(WebhookTargets.AllowInternalConfigKey));
        if (error is null)
            error = await CheckAccountIdsAsync(directory, call!.AccountId, rule!);
        if (error is not null)
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, error);
            return;
        }

        var ruleId = await rules.CreateAsync(call!.AccountId, rule!);
        await ApiResponses.WriteSuccessAsync(http.Response, json =>
        {
            json.WriteString("rule_id", ApiResponses.Id(ruleId));
            // The webhook secrets, this once: the receiver needs them to verify signatures.
            json.WriteStartArray("actions");
            foreach (var (action, position) in rule!.Actions.Select((a, i) => (a, i + 1)))
                WorkflowJson.WriteAction(json, action, position, revealSecret: true);
            json.WriteEndArray();
        });
    }

    public static async Task SearchAsync(HttpContext http, ApiTokenAuthenticator auth, WorkflowRuleStore rules)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Admin);
        long? ruleId = null;
        if (error is null)
            TryOptionalId(call!.Values, "rule_id", WorkflowErrors.NoSuchRule, out ruleId, out error);
        if (error is not null)
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, error);
            return;
        }

        var found = await rules.ListAsync(call!.AccountId, ruleId);
        if (ruleId is not null && found.Count == 0)
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, WorkflowErrors.NoSuchRule);
            return;
        }
        await ApiResponses.WriteSuccessAsync(http.Response, json =>
        {
            json.WriteNumber("total", found.Count);
            json.WriteStartArray("entries");
            foreach (var rule in found)
                WorkflowJson.WriteRule(json, rule);
            json.WriteEndArray();
        });
    }

    /// <summary>enabled=0|1 switches a rule off and on without losing it.</summary>
    public static Task UpdateAsync(HttpContext http, ApiTokenAuthenticator auth, WorkflowRuleStore rules)
    {
        var enabled = 0;
        return ChangeRuleAsync(http, auth,
            values => TryRange(values, "enabled", 0, 1, null, out enabled, out var error) ? null : error,
            (accountId, ruleId) => rules.SetEnabledAsync(accountId, ruleId, enabled == 1),
            json => json.WriteBoolean("enabled", enabled == 1));
    }

    public static Task DeleteAsync(HttpContext http, ApiTokenAuthenticator auth, WorkflowRuleStore rules) =>
        ChangeRuleAsync(http, auth, _ => null, rules.DeleteAsync, json => json.WriteBoolean("deleted", true));

    /// <summary>One rule by rule_id: read the change's own parameters, apply it within the account, answer.</summary>
    private static async Task ChangeRuleAsync(HttpContext http, ApiTokenAuthenticator auth,
        Func<IReadOnlyDictionary<string, string>, ConvosoError?> readChange, Func<long, long, Task<bool>> change, Action<Utf8JsonWriter> data)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Admin);
        long ruleId = 0;
        var ok = error is null
            && TryId(call!.Values, "rule_id", WorkflowErrors.NoSuchRule, out ruleId, out error)
            && (error = readChange(call.Values)) is null;
        if (ok && !await change(call!.AccountId, ruleId))
            error = WorkflowErrors.NoSuchRule;
        if (error is not null)
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, error);
            return;
        }
        await ApiResponses.WriteSuccessAsync(http.Response, json =>
        {
            json.WriteString("rule_id", ApiResponses.Id(ruleId));
            data(json);
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
