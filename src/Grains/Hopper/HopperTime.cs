namespace Leadline.Grains.Hopper;

/// <summary>
/// Hopper times at PostgreSQL's precision (microseconds), so an entry's insertion time is the same in
/// memory, in a commit notice and in the table — the queue compares them to spot stale notices.
/// </summary>
public static class HopperTime
{
    public static DateTimeOffset Now(TimeProvider clock) => Truncate(clock.GetUtcNow());

    public static DateTimeOffset Truncate(DateTimeOffset time) => time.AddTicks(-(time.Ticks % 10));
}
