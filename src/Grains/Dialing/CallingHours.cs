using Leadline.Grains.Campaigns;

namespace Leadline.Grains.Dialing;

/// <summary>
/// When a lead of a dial region may be called. Open iff, in every zone of the region (a region spanning zones gets
/// the intersection, the most restrictive), local time is inside the federal 8:00–21:00 (47 CFR 64.1200(c)(1)),
/// the campaign's window for that local weekday and the state's rule (<see cref="StateCallingRules"/>). A region
/// whose zone is unknown uses the campaign's UnknownZoneAs zone without state rules, or is never open.
/// </summary>
public static class CallingHours
{
    /// <summary>The furthest ahead an answer holds, so callers re-evaluate at least daily (rules, holidays, settings).</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(1);

    // Zone changes to look through for the real flip; a day holds at most two per zone.
    private const int MaxSteps = 16;

    /// <summary>Whether a lead of <paramref name="region"/> may be called at <paramref name="now"/>, and until when that holds.</summary>
    public static DialWindowState Evaluate(string? region, CampaignDialSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var horizon = now + Horizon;
        var rules = RegionCallingRules.ForRegion(region) ?? RegionCallingRules.ForZone(settings.UnknownZoneAs);
        if (rules is null || rules.Zones.Length == 0)
            return new DialWindowState(false, horizon);

        var (open, until) = Combined(rules, settings.CallingWindow, now);
        // With several zones one zone's change need not change the whole (it closes while another is closed
        // anyway): step through the changes until the answer flips, so Until is the real next flip.
        for (var step = 0; step < MaxSteps && until < horizon && rules.Zones.Length > 1; step++)
        {
            var (openThen, nextThen) = Combined(rules, settings.CallingWindow, until);
            if (openThen != open)
                break;
            until = nextThen;
        }
        if (until > horizon)
            until = horizon;
        // A zone whose rules put the next change at or before now would make callers spin: re-check shortly instead.
        if (until <= now)
            until = now.AddMinutes(1);
        return new DialWindowState(open, until);
    }

    private static (bool Open, DateTimeOffset NextChange) Combined(
        RegionCallingRules rules, DayWindow[] campaignWindow, DateTimeOffset at)
    {
        var open = true;
        var next = DateTimeOffset.MaxValue;
        foreach (var zone in rules.Zones)
        {
            var (zoneOpen, change) = LocalDayWindows.Evaluate(zone, rules.StateRule, campaignWindow, at);
            open &= zoneOpen;
            if (change < next)
                next = change;
        }
        return (open, next);
    }

    /// <summary>Attempts allowed per number per rolling 24 h: the smaller of the campaign's and the region's state rule; null = no cap.</summary>
    public static int? AttemptCap(string? region, CampaignDialSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stateCap = RegionCallingRules.ForRegion(region)?.StateRule?.MaxAttemptsPer24h;
        return (settings.MaxAttemptsPer24h, stateCap) switch
        {
            ({ } campaign, { } state) => Math.Min(campaign, state),
            (var campaign, var state) => campaign ?? state,
        };
    }

    /// <summary>Whether <paramref name="zone"/> is an IANA zone id this machine knows (for UnknownZoneAs).</summary>
    public static bool IsKnownZone(string zone) => DialZones.Find(zone) is not null;
}
