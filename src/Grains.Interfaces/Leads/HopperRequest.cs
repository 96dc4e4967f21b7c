namespace Leadline.Grains.Leads;

/// <summary>Put the lead into its campaign's hopper (99 is dialed first).</summary>
[GenerateSerializer, Immutable, Alias("leadline.hopper-request")]
public sealed record HopperRequest(
    [property: Id(0)] int Priority,
    [property: Id(1)] int? ExpiresInMinutes)
{
    public const int DefaultPriority = 99;
}
