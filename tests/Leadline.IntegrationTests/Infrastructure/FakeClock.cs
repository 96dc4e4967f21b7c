using Microsoft.Extensions.Time.Testing;

namespace Leadline.IntegrationTests.Infrastructure;

/// <summary>The one fake Leadline clock of this test process (only fixtures that ask for it use it).</summary>
public static class FakeClock
{
    public static FakeTimeProvider Instance { get; } = new(DateTimeOffset.UtcNow);
}

/// <summary>A cluster whose Leadline clock (expiry, leases) moves only when a test advances it.</summary>
public sealed class LeadlineClusterWithFakeClock : LeadlineCluster
{
    protected override bool UsesFakeClock => true;
}
