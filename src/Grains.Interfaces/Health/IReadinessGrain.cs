namespace Leadline.Grains.Health;

/// <summary>Answers true when a silo can serve inserts: it runs and reaches PostgreSQL.</summary>
[Alias("leadline.readiness")]
public interface IReadinessGrain : IGrainWithIntegerKey
{
    [Alias("check")]
    Task<bool> CheckAsync();
}
