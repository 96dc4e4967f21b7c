namespace Leadline.Grains.Campaigns;

/// <summary>
/// How a campaign dials: what its hopper loader loads and when a lead may be called. Stored on the campaign's
/// row (campaigns), served by <see cref="ICampaignGrain"/>, cached by the campaign's hopper. Federal calling
/// hours and the state rules apply on top of <see cref="CallingWindow"/> and can only narrow it.
/// </summary>
/// <param name="Active">campaigns.status = active: the loader fills the hopper only for an active campaign.</param>
/// <param name="HopperLevel">READY entries the loader keeps dialable now; 0 = the loader loads nothing.</param>
/// <param name="DialableStatuses">Statuses the loader loads (upper case); a lead without a status counts as <c>NEW</c>.</param>
/// <param name="CallingWindow">Seven entries, Sunday first (DayOfWeek order), in the recipient's local time.</param>
/// <param name="MaxAttemptsPer24h">Attempts per number per rolling 24 h; null = only the state rules' caps.</param>
/// <param name="RecycleMinutes">Status → minutes after its last dial before a lead with that status is loaded again; a dialed lead whose status has no entry is not loaded again.</param>
/// <param name="UnknownZoneAs">IANA zone assumed for leads whose zone is unknown; null = such leads are not dialed.</param>
[GenerateSerializer, Immutable, Alias("leadline.campaign-dial-settings")]
public sealed record CampaignDialSettings(
    [property: Id(0)] bool Active,
    [property: Id(1)] int HopperLevel,
    [property: Id(2)] LeadOrder LeadOrder,
    [property: Id(3)] string[] DialableStatuses,
    [property: Id(4)] DayWindow[] CallingWindow,
    [property: Id(5)] int? MaxAttemptsPer24h,
    [property: Id(6)] Dictionary<string, int> RecycleMinutes,
    [property: Id(7)] string? UnknownZoneAs)
{
    public const int DefaultHopperLevel = 500;
    public const string NewStatus = "NEW";

    /// <summary>Federal hours every day (8:00-21:00 local), NEW leads only, no campaign cap, no recycling.</summary>
    public static CampaignDialSettings Default(bool active) => new(
        active, DefaultHopperLevel, LeadOrder.OldestFirst, [NewStatus],
        [.. Enumerable.Repeat(DayWindow.Federal, 7)], null, new Dictionary<string, int>(), null);
}

/// <summary>One weekday's calling window, minutes after local midnight, end exclusive; Start == End = no calls that day.</summary>
[GenerateSerializer, Immutable, Alias("leadline.day-window")]
public readonly record struct DayWindow(
    [property: Id(0)] int StartMinute,
    [property: Id(1)] int EndMinute)
{
    public static readonly DayWindow Federal = new(8 * 60, 21 * 60);
    public static readonly DayWindow Closed = new(0, 0);
    public bool IsClosed => EndMinute <= StartMinute;
}

/// <summary>The order the loader loads a campaign's leads in.</summary>
public enum LeadOrder
{
    OldestFirst = 0,
    NewestFirst = 1,
    /// <summary>Lowest list id first, oldest first within a list.</summary>
    ByList = 2,
}
