using System.Text.Json;
using Leadline.ApiHost.Convoso;
using Leadline.Grains.Workflows;

namespace Leadline.ApiHost.Workflows;

/// <summary>How rules, actions and deliveries look in /v1/workflows answers.</summary>
public static class WorkflowJson
{
    public static void WriteRule(Utf8JsonWriter json, StoredWorkflowRule rule)
    {
        json.WriteStartObject();
        json.WriteString("rule_id", ApiResponses.Id(rule.RuleId));
        json.WriteString("name", rule.Name);
        json.WriteString("trigger_event", rule.TriggerEvent);
        if (rule.CampaignId is { } campaignId)
            json.WriteString("campaign_id", ApiResponses.Id(campaignId));
        else
            json.WriteNull("campaign_id");
        json.WriteBoolean("enabled", rule.Enabled);
        json.WriteString("created_at", ApiResponses.Time(rule.CreatedAt));
        json.WriteStartArray("actions");
        foreach (var (action, position) in rule.Actions.Select((a, i) => (a, i + 1)))
            WriteAction(json, action, position, revealSecret: false);
        json.WriteEndArray();
        json.WriteStartObject("deliveries");
        foreach (var state in DeliveryEndpoints.States)
            json.WriteNumber(state.ToLowerInvariant(), rule.DeliveriesByState.GetValueOrDefault(state));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>A webhook's secret is shown in full only in the answer to create; later, its last 4 characters.</summary>
    public static void WriteAction(Utf8JsonWriter json, WorkflowAction action, int position, bool revealSecret)
    {
        json.WriteStartObject();
        json.WriteNumber("position", position);
        json.WriteString("type", action.Type);
        switch (action.Type)
        {
            case WorkflowActionTypes.Webhook:
                json.WriteString("url", action.Url);
                json.WriteString("method", action.Method);
                json.WriteString("body_format", action.BodyFormat);
                if (revealSecret)
                    json.WriteString("secret", action.Secret);
                else
                    json.WriteString("secret_hint", action.Secret is { Length: > 4 } s ? s[^4..] : "");
                break;
            case WorkflowActionTypes.SetStatus:
                json.WriteString("status", action.Status);
                break;
            case WorkflowActionTypes.MoveToList:
                json.WriteString("list_id", ApiResponses.Id(action.ListId ?? 0));
                break;
            case WorkflowActionTypes.AddToHopper:
                json.WriteNumber("priority", action.Priority ?? 99);
                if (action.ExpiresInMinutes is { } minutes)
                    json.WriteNumber("expires_in", minutes);
                else
                    json.WriteNull("expires_in");
                break;
        }
        json.WriteEndObject();
    }

    public static void WriteDeliveryFields(Utf8JsonWriter json, DeliveryView d)
    {
        json.WriteString("delivery_id", ApiResponses.Id(d.DeliveryId));
        json.WriteString("event_id", ApiResponses.Id(d.EventId));
        json.WriteString("event_type", d.EventType);
        json.WriteString("occurred_at", ApiResponses.Time(d.OccurredAt));
        json.WriteString("rule_id", ApiResponses.Id(d.RuleId));
        json.WriteString("rule_name", d.RuleName);
        WriteOptionalId(json, "campaign_id", d.CampaignId);
        WriteOptionalId(json, "lead_id", d.LeadId);
        json.WriteString("state", d.State);
        json.WriteNumber("attempts", d.Attempts);
        json.WriteNumber("actions_done", d.NextAction);
        ApiResponses.WriteTime(json, "next_attempt_at", d.NextAttemptAt);
        json.WriteString("last_error", d.LastError);
        json.WriteString("created_at", ApiResponses.Time(d.CreatedAt));
        ApiResponses.WriteTime(json, "completed_at", d.CompletedAt);
        json.WriteStartArray("log");
        foreach (var a in d.Log)
        {
            json.WriteStartObject();
            json.WriteNumber("attempt", a.Attempt);
            json.WriteNumber("action_position", a.ActionPosition + 1);
            json.WriteString("action_type", a.ActionType);
            json.WriteString("started_at", ApiResponses.Time(a.StartedAt));
            json.WriteNumber("duration_ms", a.DurationMs);
            if (a.HttpStatus is { } status)
                json.WriteNumber("http_status", status);
            else
                json.WriteNull("http_status");
            json.WriteString("outcome", a.Outcome);
            json.WriteString("detail", a.Detail);
            json.WriteString("silo", a.Silo);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteOptionalId(Utf8JsonWriter json, string name, long? id)
    {
        if (id is { } value)
            json.WriteString(name, ApiResponses.Id(value));
        else
            json.WriteNull(name);
    }
}
