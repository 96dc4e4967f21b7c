namespace Leadline.Grains.Storage;

public sealed class LeadWriterOptions
{
    /// <summary>Most writes committed in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// Transactions in flight at once per silo; each gathers what arrived while the others wrote. One
    /// was fastest in bench/ with PostgreSQL on the same 2 cores (larger batches, fewer commits); a
    /// database on its own machine may take more.
    /// </summary>
    public int ConcurrentWriters { get; set; } = 1;

    /// <summary>
    /// A write queued longer than this is dropped unstarted (its caller gets 503). Below Orleans'
    /// 30 s response timeout, so nothing commits after its caller was told it failed.
    /// </summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(20);
}
