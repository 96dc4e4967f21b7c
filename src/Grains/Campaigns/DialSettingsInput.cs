namespace Leadline.Grains.Campaigns;

/// <summary>
/// Dial settings in their wire forms, as the admin API and the dashboard receive them: null = not given (the
/// setting keeps its value), "" = given blank (for the optional settings: none; for the others: not given, as
/// Convoso reads a blank parameter). See <see cref="CampaignDialSettingsRules.TryApply"/>.
/// </summary>
public sealed record DialSettingsInput(
    string? HopperLevel = null,
    string? LeadOrder = null,
    string? DialableStatuses = null,
    string? CallingWindow = null,
    string? MaxAttemptsPer24h = null,
    string? Recycle = null,
    string? UnknownZoneAs = null)
{
    /// <summary>True when the input would change nothing at all: no setting given, or only blank required ones.</summary>
    public bool ChangesNothing =>
        IsBlank(HopperLevel) && IsBlank(LeadOrder) && IsBlank(DialableStatuses) && IsBlank(CallingWindow)
        && MaxAttemptsPer24h is null && Recycle is null && UnknownZoneAs is null;

    internal static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);
}
