using Leadline.Grains.Campaigns;

namespace Leadline.Grains.Dialing;

/// <summary>
/// One state's rules where they are stricter than federal: a window per day type in the recipient's local time
/// (<see cref="DayWindow.Closed"/> = no calls that day), whether its legal holidays are no-call days, and its
/// attempt cap per number per rolling 24 h. <see cref="Source"/> names the public text the row comes from.
/// </summary>
internal sealed record StateCallingRule(
    string State,
    DayWindow MondayToFriday,
    DayWindow Saturday,
    DayWindow Sunday,
    bool NoCallsOnHolidays,
    int? MaxAttemptsPer24h,
    string Source)
{
    public DayWindow For(DayOfWeek day) => day switch
    {
        DayOfWeek.Saturday => Saturday,
        DayOfWeek.Sunday => Sunday,
        _ => MondayToFriday,
    };
}
