namespace Leadline.Grains;

/// <summary>
/// The clock Leadline's own rules read (lead times, hopper expiry, leases), registered under this key so
/// tests can move it (FakeTimeProvider) without also moving Orleans' internal clocks.
/// </summary>
public static class LeadlineClock
{
    public const string Key = "leadline";
}
