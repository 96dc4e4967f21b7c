using System.Text.Json;
using System.Text.Json.Serialization;

namespace Leadline.Grains.Workflows;

/// <summary>workflow_actions.action_type values.</summary>
public static class WorkflowActionTypes
{
    public const string Webhook = "WEBHOOK";
    public const string SetStatus = "SET_STATUS";
    public const string MoveToList = "MOVE_TO_LIST";
    public const string AddToHopper = "ADD_TO_HOPPER";

    public static readonly IReadOnlyList<string> All = [Webhook, SetStatus, MoveToList, AddToHopper];
}

/// <summary>
/// One action of a rule, as stored in workflow_actions.config (jsonb). Exactly the members of its type
/// are set; <see cref="WorkflowActionJson"/> reads and writes the column.
/// </summary>
public sealed record WorkflowAction
{
    /// <summary>One of <see cref="WorkflowActionTypes"/>; stored in its own column, not in the config.</summary>
    [JsonIgnore]
    public string Type { get; init; } = "";

    // WEBHOOK
    public string? Url { get; init; }
    /// <summary>POST or PUT.</summary>
    public string? Method { get; init; }
    /// <summary><see cref="WebhookBodyFormats.Json"/> or <see cref="WebhookBodyFormats.Form"/>.</summary>
    public string? BodyFormat { get; init; }
    /// <summary>
    /// The HMAC key the receiver verifies with. Kept readable (signing needs it), unlike auth tokens; it
    /// is never returned by the API after creation nor logged.
    /// </summary>
    public string? Secret { get; init; }

    // SET_STATUS
    public string? Status { get; init; }

    // MOVE_TO_LIST
    public long? ListId { get; init; }

    // ADD_TO_HOPPER (campaign: the event's)
    public int? Priority { get; init; }
    public int? ExpiresInMinutes { get; init; }
}

public static class WebhookBodyFormats
{
    public const string Json = "json";
    public const string Form = "form";
}

public static class WorkflowActionJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string ToConfig(WorkflowAction action) =>
        JsonSerializer.Serialize(action, Options);

    public static WorkflowAction FromConfig(string type, string config) =>
        (JsonSerializer.Deserialize<WorkflowAction>(config, Options) ?? new WorkflowAction { Type = type }) with { Type = type };
}
