namespace Leadline.Grains.Hopper;

public partial interface IHopperGrain
{
    /// <summary>
    /// Takes these leads out (e.g. their list was archived or moved to another campaign), leased or not;
    /// returns how many were in the hopper. Rows not yet known in memory are deleted too.
    /// </summary>
    [Alias("remove-many")]
    Task<int> RemoveManyAsync(long[] leadIds);
}
