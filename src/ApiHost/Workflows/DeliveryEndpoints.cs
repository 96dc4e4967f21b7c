using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using static Leadline.ApiHost.Convoso.ApiParameters;

namespace Leadline.ApiHost.Workflows;

/// <summary>
/// /v1/workflows/deliveries/search (state, rule, event, lead; with each delivery's attempt log) and
/// /v1/workflows/deliveries/retry (dead-letter: one delivery, or all of a rule's).
/// </summary>
public static class DeliveryEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
    public static readonly IReadOnlyList<string> States = ["PENDING", "DELIVERED", "DEAD", "CANCELLED"];


    public static async Task SearchAsync(HttpContext http, ApiTokenAuthenticator auth, DeliveryQueries deliveries)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Admin);
        var (filter, filterError) = error is null ? ReadFilter(call!.Values) : (null, error);
        if (filterError is not null)
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, filterError);
            return;
        }

        var (total, entries) = await deliveries.SearchAsync(call!.AccountId, filter!);
        await ApiResponses.WritePageAsync(http.Response, filter!.Offset, filter.Limit, total, entries, WorkflowJson.WriteDeliveryFields);
    }

    public static async Task RetryAsync(HttpContext http, ApiTokenAuthenticator auth, DeliveryQueries deliveries)
    {
        var (call, error) = await ApiCall.OpenAsync(http, auth, ApiScopes.Admin);
        long? deliveryId = null, ruleId = null;
        var ok = error is null
            && TryOptionalId(call!.Values, "delivery_id", WorkflowErrors.NoSuchDeadDelivery, out deliveryId, out error)
            && TryOptionalId(call.Values, "rule_id", WorkflowErrors.NoSuchRule, out ruleId, out error);
        if (ok && deliveryId is null && ruleId is null)
            error = ConvosoErrors.Required("delivery_id or rule_id");
        if (error is not null)
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, error);
            return;
        }

        var retried = await deliveries.RetryAsync(call!.AccountId, deliveryId, ruleId);
        if (retried == 0 && deliveryId is not null)
        {
            await ConvosoResponses.WriteErrorAsync(http.Response, WorkflowErrors.NoSuchDeadDelivery);
            return;
        }
        await ApiResponses.WriteSuccessAsync(http.Response, json => json.WriteNumber("retried", retried));
    }

    private static (DeliveryFilter? Filter, ConvosoError? Error) ReadFilter(IReadOnlyDictionary<string, string> values)
    {
        long? deliveryId = null, ruleId = null, eventId = null, leadId = null;
        int offset = 0, limit = 0;
        ConvosoError? error = null;
        var ok = TryOptionalId(values, "delivery_id", ConvosoErrors.Invalid("delivery_id", "not an id"), out deliveryId, out error)
            && TryOptionalId(values, "rule_id", ConvosoErrors.Invalid("rule_id", "not an id"), out ruleId, out error)
            && TryOptionalId(values, "event_id", ConvosoErrors.Invalid("event_id", "not an id"), out eventId, out error)
            && TryOptionalId(values, "lead_id", ConvosoErrors.Invalid("lead_id", "not an id"), out leadId, out error)
            && TryRange(values, "offset", 0, 1_000_000, 0, out offset, out error)
            && TryRange(values, "limit", 1, MaxLimit, DefaultLimit, out limit, out error);
        if (!ok)
            return (null, error);

        var state = Get(values, "state")?.ToUpperInvariant();
        if (state is not null && !States.Contains(state))
            return (null, ConvosoErrors.Invalid("state", string.Join(", ", States)));
        return (new DeliveryFilter(deliveryId, ruleId, eventId, leadId, state, offset, limit), null);
    }
}
