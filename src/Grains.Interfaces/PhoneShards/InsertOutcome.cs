namespace Leadline.Grains.PhoneShards;

public enum InsertResult
{
    Inserted,
    /// <summary>update_if_found matched an existing lead, which was updated.</summary>
    Updated,
    /// <summary>Refused by check_dup; <see cref="InsertOutcome.LeadId"/> is the existing lead.</summary>
    Duplicate,
    /// <summary>Refused by check_dnc.</summary>
    DoNotCall,
    /// <summary>The database did not commit; nothing was written.</summary>
    StorageUnavailable,
}

[GenerateSerializer, Immutable, Alias("leadline.insert-outcome")]
public sealed record InsertOutcome(
    [property: Id(0)] InsertResult Result,
    [property: Id(1)] long LeadId)
{
    public static InsertOutcome Dnc { get; } = new(InsertResult.DoNotCall, 0);
    public static InsertOutcome Unavailable { get; } = new(InsertResult.StorageUnavailable, 0);
}
