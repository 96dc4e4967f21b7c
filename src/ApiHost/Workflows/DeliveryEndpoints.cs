using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;
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
    public const int MaxOffset = 1_000_000;
    public static readonly IReadOnlyList<string> States = ["PENDING", "DELIVERED", "DEAD", "CANCELLED"];

    public static readonly ApiEndpoint SearchContract = new(ApiScopes.Admin, ApiDialect.Rest, "Search workflow deliveries, with their attempt log")
    {
        Parameters =
        [
            new("delivery_id", ApiParameterType.Id, "That delivery (its whole attempt log)"),
            new("rule_id", ApiParameterType.Id, "Deliveries of that rule"),
            new("event_id", ApiParameterType.Id, "Deliveries of that event"),
            new("lead_id", ApiParameterType.Id, "Deliveries about that lead"),
            new("state", ApiParameterType.Text, string.Join(", ", States)),
            new("offset", ApiParameterType.Integer, $"Deliveries to skip, 0-{MaxOffset}, default 0"),
            new("limit", ApiParameterType.Integer, $"Deliveries per page, 1-{MaxLimit}, default {DefaultLimit}"),
        ],
        ExampleAnswer = """{"success":true,"data":{"offset":0,"limit":50,"total":1,"entries":[{"delivery_id":"9","state":"DEAD","attempts":8,"log":[]}]}}""",
    };

    public static readonly ApiEndpoint RetryContract = new(ApiScopes.Admin, ApiDialect.Rest, "Retry dead-letter deliveries: one, or all of a rule's")
    {
        Parameters =
        [
            new("delivery_id", ApiParameterType.Id, "That dead delivery (404 6302 when it is none of the account's dead ones)"),
            new("rule_id", ApiParameterType.Id, "Every dead delivery of that rule"),
        ],
        ExampleAnswer = """{"success":true,"data":{"retried":3}}""",
    };

    public static async Task<ApiResult> SearchAsync(ApiRequest request, DeliveryQueries deliveries)
    {
        var (filter, error) = ReadFilter(request.Values);
        if (error is not null)
            return ApiResult.Refused(error);

        var (total, entries) = await deliveries.SearchAsync(request.AccountId, filter!);
        // Leadline's own answer (REST dialect): total is a number here, not Convoso's string.
        return ApiResult.Data(json =>
        {
            json.WriteNumber("offset", filter!.Offset);
            json.WriteNumber("limit", filter.Limit);
            json.WriteNumber("total", total);
            json.WriteStartArray("entries");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                WorkflowJson.WriteDeliveryFields(json, entry);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    public static async Task<ApiResult> RetryAsync(ApiRequest request, DeliveryQueries deliveries)
    {
        var deliveryId = request.OptionalId("delivery_id", WorkflowErrors.NoSuchDeadDelivery);
        var ruleId = request.OptionalId("rule_id", WorkflowErrors.NoSuchRule);
        if (deliveryId is null && ruleId is null)
            return ApiResult.Refused(ConvosoErrors.Required("delivery_id or rule_id"));

        var retried = await deliveries.RetryAsync(request.AccountId, deliveryId, ruleId);
        if (retried == 0 && deliveryId is not null)
            return ApiResult.Refused(WorkflowErrors.NoSuchDeadDelivery);
        return ApiResult.Data(json => json.WriteNumber("retried", retried));
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
            && TryRange(values, "offset", 0, MaxOffset, 0, out offset, out error)
            && TryRange(values, "limit", 1, MaxLimit, DefaultLimit, out limit, out error);
        if (!ok)
            return (null, error);

        var state = Get(values, "state")?.ToUpperInvariant();
        if (state is not null && !States.Contains(state))
            return (null, ConvosoErrors.Invalid("state", string.Join(", ", States)));
        return (new DeliveryFilter(deliveryId, ruleId, eventId, leadId, state, offset, limit), null);
    }
}
