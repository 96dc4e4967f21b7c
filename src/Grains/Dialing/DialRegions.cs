using Leadline.Grains.Leads;

namespace Leadline.Grains.Dialing;

/// <summary>CONTRACT STUB (issue 13): the dialing-rules helper replaces this file.</summary>
public static class DialRegions
{
    /// <summary>The lead's dial region (stored in leads.dial_region), or null when its zone is unknown.</summary>
    public static string? Resolve(NormalizedPhone phone, string? state, string? postalCode) => throw new NotImplementedException();
}
