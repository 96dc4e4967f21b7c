namespace Leadline.Grains.PhoneShards;

public enum DncAddResult
{
    Added,
    AlreadyExists,
    StorageUnavailable,
}

[GenerateSerializer, Immutable, Alias("leadline.dnc-add-outcome")]
public sealed record DncAddOutcome(
    [property: Id(0)] DncAddResult Result,
    [property: Id(1)] long DncId);
