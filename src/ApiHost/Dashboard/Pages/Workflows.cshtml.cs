using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Dashboard.Auth;
using Leadline.ApiHost.Dashboard.Data;
using Leadline.ApiHost.Workflows;
using Leadline.Grains.Workflows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leadline.ApiHost.Dashboard.Pages;

/// <summary>
/// Workflow Automation: the account's rules, recent deliveries with their attempt log, dead-letter retry.
/// A new rule is read by the API's own parser (the form posts the same flat action_N_* names), so the page
/// accepts exactly what /v1/workflows/create accepts.
/// </summary>
public sealed class WorkflowsModel(
    WorkflowRuleStore rules, DeliveryQueries deliveries, AccountQueries account, AccountDirectory directory, IConfiguration configuration) : PageModel
{
    public const int ActionRows = 3;
    public const int DeliveriesShown = 25;

    public IReadOnlyList<StoredWorkflowRule> Rules { get; private set; } = [];
    public IReadOnlyList<DeliveryView> Deliveries { get; private set; } = [];
    public long DeliveryTotal { get; private set; }
    public IReadOnlyList<CampaignRow> Campaigns { get; private set; } = [];
    public IReadOnlyList<ListRow> Lists { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    public IReadOnlyList<WorkflowAction> CreatedWebhooks { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var values = FormValues();
        var (rule, error) = WorkflowRuleParser.Parse(values, configuration.GetValue<bool>(WebhookTargets.AllowInternalConfigKey));
        if (error is null)
            error = await RuleEndpoints.CheckAccountIdsAsync(directory, User.AccountId(), rule!);
        if (error is not null)
        {
            Error = error.Text;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            var ruleId = await rules.CreateAsync(User.AccountId(), rule!);
            Notice = $"Rule {ruleId} “{rule!.Name}” created.";
            CreatedWebhooks = [.. rule.Actions.Where(a => a.Type == WorkflowActionTypes.Webhook)];
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(long ruleId, bool enabled)
    {
        if (await rules.SetEnabledAsync(User.AccountId(), ruleId, enabled))
            Notice = $"Rule {ruleId} {(enabled ? "enabled" : "disabled")}.";
        else
            Error = "No such workflow rule.";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long ruleId)
    {
        if (await rules.DeleteAsync(User.AccountId(), ruleId))
            Notice = $"Rule {ruleId} deleted; its pending deliveries are cancelled.";
        else
            Error = "No such workflow rule.";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(long? deliveryId)
    {
        var requeued = await deliveries.RetryAsync(User.AccountId(), deliveryId, null);
        Notice = requeued == 0 ? "Nothing to retry: no dead or cancelled delivery matched." : $"{requeued} delivery(ies) queued again.";
        await LoadAsync();
        return Page();
    }

    /// <summary>The form's fields as the API's flat parameters; empty action rows are skipped so the numbering has no gaps.</summary>
    private Dictionary<string, string> FormValues()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in new[] { "name", "trigger_event", "campaign_id" })
            if (Request.Form[key].ToString() is { Length: > 0 } value)
                values[key] = value;
        var number = 0;
        for (var row = 1; row <= ActionRows; row++)
        {
            var prefix = $"row_{row}_";
            if (Request.Form[prefix + "type"].ToString() is not { Length: > 0 })
                continue;
            number++;
            foreach (var field in Request.Form.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
                if (Request.Form[field].ToString() is { Length: > 0 } value)
                    values[WorkflowRuleParser.ActionParameter(number, field[prefix.Length..])] = value;
        }
        return values;
    }

    private async Task LoadAsync()
    {
        var accountId = User.AccountId();
        Rules = await rules.ListAsync(accountId, null);
        (DeliveryTotal, var recent) = await deliveries.SearchAsync(accountId, new DeliveryFilter(null, null, null, null, null, 0, DeliveriesShown));
        Deliveries = recent;
        Campaigns = await account.CampaignNamesAsync(accountId);
        Lists = await account.ListNamesAsync(accountId);
    }
}
