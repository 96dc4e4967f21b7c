namespace Leadline.Grains.Workflows;

/// <summary>
/// Trigger events a rule can name (workflow_rules.trigger_event). The table allows more (lead inserted,
/// duplicate rejected, DNC rejected); only those with an event source are offered, so no rule waits for
/// an event that never comes.
/// </summary>
public static class WorkflowTriggers
{
    /// <summary>A lead's hopper slot expired before a dialer took it (Convoso: "Hopper Expired").</summary>
    public const string HopperExpire = "HOPPER_EXPIRE";

    public static readonly IReadOnlyList<string> Supported = [HopperExpire];

    /// <summary>Accepts the event code or the names operators know it by.</summary>
    public static string? Parse(string text) =>
        text.Trim().Replace(' ', '_').Replace('-', '_').ToUpperInvariant() switch
        {
            "HOPPER_EXPIRE" or "HOPPER_EXPIRED" => HopperExpire,
            _ => null,
        };
}
