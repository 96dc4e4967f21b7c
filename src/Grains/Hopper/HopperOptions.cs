namespace Leadline.Grains.Hopper;

/// <summary>Configuration section <c>Leadline:Hopper</c>: the loader's pace and whether calling hours are enforced.</summary>
public sealed class HopperOptions
{
    public const string Section = "Leadline:Hopper";

    /// <summary>How often an active campaign's loader tops its hopper up (it also runs when pulls take it below <see cref="LowWater"/>).</summary>
    public TimeSpan LoaderEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Fraction of the hopper level below which a pull wakes the loader at once.</summary>
    public double LowWater { get; set; } = 0.5;

    /// <summary>
    /// <see cref="CallingHoursMode.Enforce"/> (the default) applies federal, state and campaign calling hours to every
    /// pull and load. <see cref="CallingHoursMode.Ignore"/> treats every region as open — for a lab or a test that is
    /// not about calling hours, never for dialing real people; the silo logs a warning at start when it is set.
    /// </summary>
    public CallingHoursMode CallingHours { get; set; } = CallingHoursMode.Enforce;
}

public enum CallingHoursMode
{
    Enforce,
    Ignore,
}
