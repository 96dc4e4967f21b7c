using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Leadline.IntegrationTests.Infrastructure;

/// <summary>
/// Fake Leadline clocks by name, so test classes that run in parallel each move their own. The silo
/// configurator, which TestCluster builds without arguments, finds its clock by the name in configuration.
/// </summary>
public static class FakeClock
{
    private static readonly ConcurrentDictionary<string, FakeTimeProvider> Clocks = new();

    public static FakeTimeProvider For(string name) => Clocks.GetOrAdd(name, _ => new FakeTimeProvider(DateTimeOffset.UtcNow));
}

/// <summary>A cluster whose Leadline clock (expiry, leases) moves only when a test advances <see cref="Clock"/>.</summary>
public sealed class LeadlineClusterWithFakeClock : LeadlineCluster
{
    private readonly string _clockName = Guid.NewGuid().ToString("N");

    protected override string? FakeClockName => _clockName;

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => FakeClock.For(_clockName);
}
