namespace Leadline.IntegrationTests.Hopper;

/// <summary>The hopper API's own error codes, as the tests expect them (see src/ApiHost/Hopper/HopperErrors.cs).</summary>
public static class HopperCodes
{
    public const int UnknownLease = 6101;
}
