using System.Diagnostics;
using System.Runtime.InteropServices;
using Leadline.Grains.Hopper;

// HopperMemory [ENTRIES] [REPEATS]: the HopperQueue alone, in process, deterministic unlike a silo's heap.
// 1. The live managed bytes per READY entry (after a full GC) of a queue holding ENTRIES entries, as a hopper holds
//    them after loading its table (sized at once) and after growing entry by entry from commit notices, with every
//    entry in one dial region and spread over 6.
// 2. The in-memory part of a pull: PeekDialable(100) + Lease of what it offered, until nothing is dialable, with
//    the entries in 1 region, in 6 regions all open, and in 6 regions with 3 closed (half of them dialable). The
//    ack (Remove) after each round is not timed. REPEATS rounds of the three, alternating after a warm-up; the
//    median ns per pulled entry of each, and the 6-region ones over the 1-region one of the same run. Timed as the
//    thread's CPU time (Linux; steady on a shared machine) and as elapsed time (what others' work inflates).
// Prints BENCH_RESULT lines; figures, not checks.
var entries = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var repeats = args.Length > 1 ? int.Parse(args[1]) : 7;
const int PullCount = 100;
var t0 = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
string[] sixRegions =
[
    "US-FL|America/New_York", "US-TX|America/Chicago", "US-CO|America/Denver",
    "US-CA|America/Los_Angeles", "US-AK|America/Anchorage", "US-HI|Pacific/Honolulu",
];
string[] oneRegion = [sixRegions[0]];

Console.WriteLine($"BENCH_RESULT hopper_queue_bytes_per_entry_loaded={PerEntry(oneRegion, sizeAtOnce: true):F1}");
Console.WriteLine($"BENCH_RESULT hopper_queue_bytes_per_entry_grown={PerEntry(oneRegion, sizeAtOnce: false):F1}");
Console.WriteLine($"BENCH_RESULT hopper_queue_bytes_per_entry_loaded_6_regions={PerEntry(sixRegions, sizeAtOnce: true):F1}");
Console.WriteLine($"BENCH_RESULT hopper_queue_bytes_per_entry_grown_6_regions={PerEntry(sixRegions, sizeAtOnce: false):F1}");

(string Name, string[] Regions, HashSet<string> Open)[] pulls =
[
    ("1_region", oneRegion, [.. oneRegion]),
    ("6_regions", sixRegions, [.. sixRegions]),
    ("6_regions_3_closed", sixRegions, [.. sixRegions.Take(3)]),
];
var cpu = pulls.Select(_ => new List<double>()).ToArray();
var elapsed = pulls.Select(_ => new List<double>()).ToArray();
for (var round = -2; round < repeats; round++) // two warm-up rounds: JIT tiers
{
    for (var p = 0; p < pulls.Length; p++)
    {
        var (cpuNs, elapsedNs) = PullNsPerEntry(pulls[p].Regions, pulls[p].Open);
        if (round < 0)
            continue;
        cpu[p].Add(cpuNs);
        elapsed[p].Add(elapsedNs);
    }
}
foreach (var (kind, timings) in new[] { ("cpu", cpu), ("elapsed", elapsed) })
{
    var medians = timings.Select(Median).ToArray();
    for (var p = 0; p < pulls.Length; p++)
        Console.WriteLine($"BENCH_RESULT hopper_queue_pull_{kind}_ns_per_entry_{pulls[p].Name}={medians[p]:F1}");
    for (var p = 1; p < pulls.Length; p++)
        Console.WriteLine($"BENCH_RESULT hopper_queue_pull_{kind}_ratio_{pulls[p].Name}={medians[p] / medians[0]:F3}");
}

double PerEntry(string[] regions, bool sizeAtOnce)
{
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var queue = Fill(regions, sizeAtOnce);
    var after = GC.GetTotalMemory(forceFullCollection: true);
    GC.KeepAlive(queue);
    return (after - before) / (double)entries;
}

HopperQueue Fill(string[] regions, bool sizeAtOnce)
{
    var queue = new HopperQueue();
    if (sizeAtOnce)
        queue.EnsureCapacity(entries);
    for (var i = 0; i < entries; i++)
        queue.Upsert(new HopperEntry(1_000_000 + i, 99 - i % 3, t0.AddTicks(10L * i), null, regions[i % regions.Length]));
    return queue;
}

(double CpuNs, double ElapsedNs) PullNsPerEntry(string[] regions, HashSet<string> open)
{
    var queue = Fill(regions, sizeAtOnce: true);
    Func<string?, bool> regionOpen = region => region is not null && open.Contains(region);
    var until = t0.AddMinutes(10);
    var leaseNo = 0;
    var pulled = 0;
    var ticks = 0L;
    var cpuNs = 0L;
    GC.Collect();
    while (true)
    {
        var started = Stopwatch.GetTimestamp();
        var cpuStarted = ThreadCpu.Ns();
        var offered = queue.PeekDialable(PullCount, t0, regionOpen);
        foreach (var entry in offered)
            queue.Lease(entry.LeadId, new Guid(++leaseNo, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), "dialer", until);
        cpuNs += ThreadCpu.Ns() - cpuStarted;
        ticks += Stopwatch.GetTimestamp() - started;
        if (offered.Count == 0)
            break;
        pulled += offered.Count;
        foreach (var entry in offered)
            queue.Remove(entry.LeadId, t0); // the ack, not timed
    }
    return ((double)cpuNs / pulled, ticks * 1e9 / Stopwatch.Frequency / pulled);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

/// <summary>The calling thread's CPU time (clock_gettime(CLOCK_THREAD_CPUTIME_ID) on Linux; elapsed time elsewhere).</summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTime = 3;

    public static long Ns()
    {
        if (!OperatingSystem.IsLinux())
            return (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
        clock_gettime(ClockThreadCpuTime, out var time);
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
