namespace Leadline.Grains.Leads;

/// <summary>A phone number after normalization: dedup and DNC always match on <see cref="E164"/>.</summary>
[GenerateSerializer, Immutable, Alias("leadline.phone")]
public sealed record NormalizedPhone(
    [property: Id(0)] string E164,
    [property: Id(1)] int CountryCode,
    [property: Id(2)] string National);
