using System.Collections.Concurrent;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Hopper.Dialing;

/// <summary>
/// 20 dialers pulling 5,000 entries spread over six US time zones at once: every entry is handed out exactly once,
/// and none while its recipient's calling hours are closed.
/// </summary>
public sealed class ZonedPullTests(DialingCluster leadline) : IClassFixture<DialingCluster>
{
    private const string Eastern = "America/New_York";
    private const int Entries = 5_000;
    private const int Dialers = 20;

    // Area code, state, and the zone both name: one state per zone, none with hours stricter than the federal ones.
    private static readonly (string AreaCode, string State, string Zone)[] Zones =
    [
        ("212", "NY", "America/New_York"), ("312", "IL", "America/Chicago"), ("303", "CO", "America/Denver"),
        ("415", "CA", "America/Los_Angeles"), ("907", "AK", "America/Anchorage"), ("808", "HI", "Pacific/Honolulu"),
    ];

    [Fact]
    public async Task Twenty_dialers_get_5000_entries_across_six_zones_disjoint_complete_and_never_out_of_hours()
    {
        var hopper = new HopperClient(await leadline.CreateAccountAsync());
        leadline.MoveTo(Eastern, new TimeOnly(12, 0), Weekday);
        var zoneOf = new ConcurrentDictionary<long, string>();
        await Parallel.ForAsync(0, Entries, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var (areaCode, state, zone) = Zones[i % Zones.Length];
            var answer = await hopper.Account.InsertAsync(("phone_number", TestPhones.Next(areaCode).Raw), ("state", state), ("hopper", "1"));
            Assert.True(answer.Success, answer.Json.ToString());
            zoneOf[answer.LeadId] = zone;
        });
        await hopper.WaitForReadyAsync(Entries);

        // 22:30 Eastern: New York and Chicago are closed; Denver, Los Angeles, Anchorage and Honolulu are open.
        var late = leadline.MoveTo(Eastern, new TimeOnly(22, 30), Weekday);
        var first = await PullAllAsync(hopper);
        Assert.All(first, leadId => Assert.True(IsOpen(zoneOf[leadId], late), $"lead {leadId} of {zoneOf[leadId]} handed out at {late:u}"));
        Assert.Equal(zoneOf.Count(z => IsOpen(z.Value, late)), first.Count);

        // 15:00 Eastern the next weekday: all six are open; the rest comes out.
        var afternoon = leadline.MoveTo(Eastern, new TimeOnly(15, 0), Weekday);
        Assert.All(Zones, z => Assert.True(IsOpen(z.Zone, afternoon)));
        var second = await PullAllAsync(hopper);

        var all = first.Concat(second).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());       // disjoint
        Assert.Equal(zoneOf.Keys.Order(), all.Order());        // complete
    }

    /// <summary>All 20 dialers pull (and ack) at once until the hopper has nothing more for them.</summary>
    private static async Task<List<long>> PullAllAsync(HopperClient hopper)
    {
        var dialed = new ConcurrentBag<long>();
        await Task.WhenAll(Enumerable.Range(0, Dialers).Select(async d =>
        {
            while (true)
            {
                var pulled = await hopper.PullAsync(25, dialer: $"dialer-{d}");
                if (pulled.Count == 0)
                    return;
                foreach (var p in pulled)
                    dialed.Add(p.LeadId);
                Assert.True((await hopper.AckAsync([.. pulled.Select(p => p.LeaseId)])).Success);
            }
        }));
        return [.. dialed];
    }

    private static bool Weekday(DateOnly d) => d.DayOfWeek is >= DayOfWeek.Monday and <= DayOfWeek.Thursday;

    /// <summary>The federal hours, in the zone's own local time.</summary>
    private static bool IsOpen(string zone, DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(zone));
        return local.Hour is >= 8 and < 21;
    }
}
