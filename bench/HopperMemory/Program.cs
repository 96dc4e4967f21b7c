using Leadline.Grains.Hopper;

// HopperMemory [ENTRIES]: the live managed bytes of a HopperQueue holding ENTRIES READY entries (after a full
// GC), as a hopper holds them after loading its table (sized at once) and after growing entry by entry from
// commit notices (tables doubled as they filled). Prints BENCH_RESULT lines; deterministic, unlike a silo's heap.
var entries = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var t0 = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

Console.WriteLine($"BENCH_RESULT hopper_queue_bytes_per_entry_loaded={PerEntry(sizeAtOnce: true):F1}");
Console.WriteLine($"BENCH_RESULT hopper_queue_bytes_per_entry_grown={PerEntry(sizeAtOnce: false):F1}");

double PerEntry(bool sizeAtOnce)
{
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var queue = new HopperQueue();
    if (sizeAtOnce)
        queue.EnsureCapacity(entries);
    for (var i = 0; i < entries; i++)
        queue.Upsert(new HopperEntry(1_000_000 + i, 99 - i % 3, t0.AddTicks(10L * i), null));
    var after = GC.GetTotalMemory(forceFullCollection: true);
    GC.KeepAlive(queue);
    return (after - before) / (double)entries;
}
