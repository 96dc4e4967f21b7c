using System.Security.Cryptography;
using Leadline.ApiHost.Convoso;
using Leadline.Grains.Workflows;
using static Leadline.ApiHost.Convoso.ApiParameters;

namespace Leadline.ApiHost.Workflows;

/// <summary>
/// Reads /v1/workflows/create. Parameters are flat, as everywhere in the API, so the ordered actions are
/// numbered: <c>action_1_type=WEBHOOK&amp;action_1_url=…&amp;action_2_type=SET_STATUS&amp;action_2_status=EXPIRED</c>.
/// The account's campaign and list ids are checked by the endpoint, not here.
/// </summary>
public static class WorkflowRuleParser
{
    public const int MaxActions = 10;
    public const int MaxNameLength = 100;
    public const int MaxUrlLength = 2000;
    public const int MaxStatusLength = 32; // leads.status as the insert API allows it
    public const int MinSecretLength = 16;


    public static string ActionParameter(int number, string name) => $"action_{number}_{name}";

    /// <summary>The fields an action may carry (which of them apply depends on its <c>action_N_type</c>).</summary>
    public static readonly IReadOnlyList<string> ActionFields =
        ["type", "url", "method", "body_format", "secret", "status", "list_id", "priority", "expires_in"];

    /// <summary>Whether <paramref name="name"/> is <c>action_N_field</c> for an action number and a field this parser reads.</summary>
    public static bool IsActionParameter(string name)
    {
        var parts = name.Split('_', 3);
        return parts.Length == 3 && parts[0] == "action" && int.TryParse(parts[1], out var n) && n >= 1 && n <= MaxActions
            && ActionFields.Contains(parts[2]) && name == ActionParameter(n, parts[2]);
    }

    /// <param name="allowInternalTargets">
    /// <see cref="WorkflowOptions.AllowInternalTargets"/>: whether a webhook URL may name a loopback, private
    /// or link-local address (the silos check the addresses a name resolves to again when they connect).
    /// </param>
    public static (NewWorkflowRule? Rule, ConvosoError? Error) Parse(IReadOnlyDictionary<string, string> values, bool allowInternalTargets)
    {
        if (Get(values, "name") is not { } name)
            return (null, ConvosoErrors.Required("name"));
        if (name.Length > MaxNameLength)
            return (null, ConvosoErrors.Invalid("name", $"longer than {MaxNameLength} characters"));

        var triggerText = Get(values, "trigger_event") ?? Get(values, "trigger");
        if (triggerText is null)
            return (null, ConvosoErrors.Required("trigger_event"));
        if (WorkflowTriggers.Parse(triggerText) is not { } trigger)
            return (null, ConvosoErrors.Invalid("trigger_event", $"supported: {string.Join(", ", WorkflowTriggers.Supported)}"));

        if (!TryOptionalId(values, "campaign_id", ConvosoErrors.Invalid("campaign_id", "not a campaign id"), out var campaignId, out var error))
            return (null, error);
        if (!TryFlag(values, "enabled", true, out var enabled, out error))
            return (null, error);

        var actions = new List<WorkflowAction>();
        for (var number = 1; number <= MaxActions; number++)
        {
            if (Get(values, ActionParameter(number, "type")) is not { } typeText)
                break;
            var (action, actionError) = ParseAction(values, number, typeText, allowInternalTargets);
            if (actionError is not null)
                return (null, actionError);
            actions.Add(action!);
        }
        if (actions.Count == 0)
            return (null, ConvosoErrors.Required(ActionParameter(1, "type")));
        if (Get(values, ActionParameter(actions.Count + 1, "type")) is not null)
            return (null, ConvosoErrors.Invalid(ActionParameter(actions.Count + 1, "type"), $"at most {MaxActions} actions"));
        // A gap (action_1, action_3) is a typo that would silently drop an action.
        var stray = values.Keys.FirstOrDefault(k => k.StartsWith("action_", StringComparison.Ordinal) && !BelongsTo(k, actions.Count));
        if (stray is not null)
            return (null, ConvosoErrors.Invalid(stray, $"actions are numbered 1 to {actions.Count} without gaps"));

        return (new NewWorkflowRule(name, trigger, campaignId, enabled, actions), null);
    }

    private static bool BelongsTo(string key, int count)
    {
        var parts = key.Split('_', 3);
        return parts.Length == 3 && int.TryParse(parts[1], out var n) && n >= 1 && n <= count;
    }

    private static (WorkflowAction? Action, ConvosoError? Error) ParseAction(
        IReadOnlyDictionary<string, string> values, int number, string typeText, bool allowInternalTargets)
    {
        string P(string name) => ActionParameter(number, name);
        var type = typeText.Trim().ToUpperInvariant();
        switch (type)
        {
            case WorkflowActionTypes.Webhook:
            {
                if (Get(values, P("url")) is not { } url)
                    return (null, ConvosoErrors.Required(P("url")));
                if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    return (null, ConvosoErrors.Invalid(P("url"), "must be an absolute http or https URL"));
                if (!allowInternalTargets && WebhookTargets.IsInternalHost(uri.Host))
                    return (null, ConvosoErrors.Invalid(P("url"), "must not point at a loopback, private or link-local address"));
                var method = (Get(values, P("method")) ?? "POST").ToUpperInvariant();
                if (method is not ("POST" or "PUT"))
                    return (null, ConvosoErrors.Invalid(P("method"), "POST or PUT"));
                var format = (Get(values, P("body_format")) ?? WebhookBodyFormats.Json).ToLowerInvariant();
                if (format is not (WebhookBodyFormats.Json or WebhookBodyFormats.Form))
                    return (null, ConvosoErrors.Invalid(P("body_format"), "json or form"));
                var secret = Get(values, P("secret"));
                if (secret is not null && secret.Length < MinSecretLength)
                    return (null, ConvosoErrors.Invalid(P("secret"), $"at least {MinSecretLength} characters"));
                return (new WorkflowAction
                {
                    Type = type, Url = uri.AbsoluteUri, Method = method, BodyFormat = format, Secret = secret ?? NewSecret(),
                }, null);
            }
            case WorkflowActionTypes.SetStatus:
            {
                if (Get(values, P("status")) is not { } status)
                    return (null, ConvosoErrors.Required(P("status")));
                if (status.Length > MaxStatusLength || status.Contains('\0'))
                    return (null, ConvosoErrors.Invalid(P("status"), $"1 to {MaxStatusLength} characters"));
                return (new WorkflowAction { Type = type, Status = status }, null);
            }
            case WorkflowActionTypes.MoveToList:
            {
                if (!TryId(values, P("list_id"), ConvosoErrors.Invalid(P("list_id"), "not a list id"), out var listId, out var error))
                    return (null, error);
                return (new WorkflowAction { Type = type, ListId = listId }, null);
            }
            case WorkflowActionTypes.AddToHopper:
            {
                if (!TryRange(values, P("priority"), 0, 99, 99, out var priority, out var error)
                    || !TryRange(values, P("expires_in"), 1, 300, 0, out var expiresIn, out error))
                    return (null, error);
                return (new WorkflowAction { Type = type, Priority = priority, ExpiresInMinutes = expiresIn > 0 ? expiresIn : null }, null);
            }
            default:
                return (null, ConvosoErrors.Invalid(P("type"), string.Join(", ", WorkflowActionTypes.All)));
        }
    }

    /// <summary>Shown once at creation; the receiver verifies X-Leadline-Signature with it.</summary>
    private static string NewSecret() =>
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
}
