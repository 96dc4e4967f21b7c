using Leadline.Grains.Hopper;
using Leadline.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Leadline.IntegrationTests.Hopper.Dialing;

/// <summary>
/// A cluster that enforces calling hours, on a fake Leadline clock the tests move to chosen local times. Its loader
/// timer is slow (an hour), so loader cycles run when a test calls <see cref="LoadAsync"/>.
/// </summary>
public class DialingCluster : LeadlineCluster
{
    private readonly string _clockName = Guid.NewGuid().ToString("N");

    protected override string? FakeClockName => _clockName;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Leadline:Hopper:CallingHours"] = "Enforce",
        ["Leadline:Hopper:LoaderEvery"] = "01:00:00",
    };

    public FakeTimeProvider Clock => FakeClock.For(_clockName);

    /// <summary>
    /// Moves the clock forward to the next instant at least a minute ahead where it is <paramref name="local"/> in
    /// <paramref name="zone"/> on a day <paramref name="day"/> accepts (any day when null).
    /// </summary>
    public DateTimeOffset MoveTo(string zone, TimeOnly local, Func<DateOnly, bool>? day = null)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var from = Clock.GetUtcNow().AddMinutes(1);
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, tz).DateTime);
        for (var i = 0; i < 800; i++, date = date.AddDays(1))
        {
            if (day is not null && !day(date))
                continue;
            var wall = date.ToDateTime(local);
            if (tz.IsInvalidTime(wall))
                continue;
            var at = new DateTimeOffset(wall, tz.GetUtcOffset(wall)).ToUniversalTime();
            if (at >= from)
            {
                Clock.SetUtcNow(at);
                return at;
            }
        }
        throw new InvalidOperationException($"No {local} in {zone} within 800 days");
    }

    public Task<HopperLoadResult> LoadAsync(long campaignId) => Cluster.Client.GetGrain<IHopperGrain>(campaignId).LoadNowAsync();
}
