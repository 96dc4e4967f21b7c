using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// The parameters of /v1/hopper/*: their names and the hopper's own forms (lease ids); errors are 6050 (400).
/// </summary>
public static class HopperParameters
{
    public const string CampaignId = "campaign_id";
    public const string Count = "count";
    public const string LeaseSeconds = "lease_seconds";
    public const string Dialer = "dialer";
    public const string LeaseIds = "lease_ids";
    public const string Status = "status";
    public const string Outcome = "outcome";
    public const string LeadId = "lead_id";
    public const string Priority = "priority";
    public const string ExpiresIn = "expires_in";
    /// <summary>The insert API's name for the same value, so callers can reuse it.</summary>
    public const string HopperExpiresIn = "hopper_expires_in";

    public const int MaxBatch = 500;
    public const int MaxDialerLength = 100;

    /// <summary>
    /// Comma-separated GUIDs, 1 to <see cref="MaxBatch"/>. One malformed id refuses the whole request, so
    /// a typo never leaves a batch half applied.
    /// </summary>
    public static bool TryLeaseIds(IReadOnlyDictionary<string, string> values, out Guid[] leaseIds, out ConvosoError? error)
    {
        error = null;
        leaseIds = [];
        if (ApiParameters.Get(values, LeaseIds) is not { } text)
        {
            error = HopperErrors.Required(LeaseIds);
            return false;
        }
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > MaxBatch)
        {
            error = HopperErrors.Invalid(LeaseIds, $"give 1 to {MaxBatch} lease ids separated by commas");
            return false;
        }
        var ids = new Guid[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!Guid.TryParse(parts[i], out ids[i]))
            {
                error = HopperErrors.Invalid(LeaseIds, $"'{Shorten(parts[i])}' is not a lease id; nothing was changed");
                return false;
            }
        }
        leaseIds = ids;
        return true;
    }

    // The text echoes the bad value; a long one would only bloat the answer.
    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
