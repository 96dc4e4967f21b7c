namespace Leadline.Grains.Storage;

public sealed class LeadWriterOptions
{
    /// <summary>Most writes committed in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>Transactions in flight at once per silo; each gathers what arrived while the others wrote.</summary>
    public int ConcurrentWriters { get; set; } = 2;
}
