using System.Globalization;
using Leadline.ApiHost.Convoso;

namespace Leadline.ApiHost.HopperApi;

/// <summary>
/// Reads the flat parameters of /v1/hopper/*. Each Try method returns false with the error naming the
/// parameter, so an endpoint stops at the first wrong value before anything reaches the grain.
/// </summary>
public static class HopperParameters
{
    public const string AuthToken = "auth_token";
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

    public static string? Get(IReadOnlyDictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) && value.Trim().Length > 0 ? value.Trim() : null;

    /// <summary>
    /// A whole number in [min, max]; absent gives <paramref name="fallback"/>, or an error when that is null (required).
    /// </summary>
    public static bool TryRange(IReadOnlyDictionary<string, string> values, string name, int min, int max, int? fallback,
        out int result, out ConvosoError? error)
    {
        error = null;
        result = fallback ?? 0;
        if (Get(values, name) is not { } text)
        {
            if (fallback is null)
                error = HopperErrors.Required(name);
            return error is null;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result) && result >= min && result <= max)
            return true;
        error = HopperErrors.Invalid(name, $"must be a whole number from {min} to {max}");
        return false;
    }

    /// <summary>A positive id; a value that is no id at all is treated like an id that does not exist.</summary>
    public static bool TryId(IReadOnlyDictionary<string, string> values, string name, ConvosoError whenNotAnId,
        out long id, out ConvosoError? error)
    {
        error = null;
        id = 0;
        if (Get(values, name) is not { } text)
            error = HopperErrors.Required(name);
        else if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) || id <= 0)
            error = whenNotAnId;
        return error is null;
    }

    /// <summary>
    /// Comma-separated GUIDs, 1 to <see cref="MaxBatch"/>. One malformed id refuses the whole request, so
    /// a typo never leaves a batch half applied.
    /// </summary>
    public static bool TryLeaseIds(IReadOnlyDictionary<string, string> values, out Guid[] leaseIds, out ConvosoError? error)
    {
        error = null;
        leaseIds = [];
        if (Get(values, LeaseIds) is not { } text)
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
