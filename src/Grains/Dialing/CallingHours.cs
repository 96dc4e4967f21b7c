using Leadline.Grains.Campaigns;

namespace Leadline.Grains.Dialing;

/// <summary>CONTRACT STUB (issue 13): the dialing-rules helper replaces this file.</summary>
public static class CallingHours
{
    /// <summary>Whether a lead of <paramref name="region"/> may be called at <paramref name="now"/>, and until when that holds.</summary>
    public static DialWindowState Evaluate(string? region, CampaignDialSettings settings, DateTimeOffset now) => throw new NotImplementedException();

    /// <summary>Attempts allowed per number per rolling 24 h: the smaller of the campaign's and the region's state rule; null = no cap.</summary>
    public static int? AttemptCap(string? region, CampaignDialSettings settings) => throw new NotImplementedException();

    /// <summary>Whether <paramref name="zone"/> is an IANA zone id this machine knows (for UnknownZoneAs).</summary>
    public static bool IsKnownZone(string zone) => throw new NotImplementedException();
}

/// <summary>Open or closed, and the first moment that may change (the caller caches the answer until then).</summary>
[GenerateSerializer, Immutable, Alias("leadline.dial-window-state")]
public readonly record struct DialWindowState([property: Id(0)] bool Open, [property: Id(1)] DateTimeOffset Until);
