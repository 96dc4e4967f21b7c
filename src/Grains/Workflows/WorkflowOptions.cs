namespace Leadline.Grains.Workflows;

/// <summary>Delivery of workflow events (section "Leadline:Workflows").</summary>
public sealed class WorkflowOptions
{
    /// <summary>How often an idle worker looks for due deliveries; a busy one does not wait.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Deliveries one silo's worker runs at once: concurrent webhook requests, so at most this many
    /// connections to one receiver. A slot frees once the attempt's result is queued for writing.
    /// </summary>
    public int MaxInFlight { get; set; } = 64;

    /// <summary>Results written (log rows and outcomes) per statement at most; one commit each.</summary>
    public int FinishBatchSize { get; set; } = 512;

    /// <summary>At shutdown, how long the worker tries to write the results it has before leaving them to the claim timeout.</summary>
    public TimeSpan FinishDrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Failed attempts (each with its in-process retries) before a delivery is DEAD.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Backoff after the first failed attempt; doubles each attempt, with full jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A claimed delivery is due again after this long, so one claimed by a silo that died is picked up
    /// by another. Must exceed the longest attempt: actions × (tries × request timeout + backoff).
    /// </summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Per webhook request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Quick retries inside one attempt (Polly), for a blip rather than an outage.</summary>
    public int InProcessRetries { get; set; } = 2;

    public TimeSpan InProcessRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Whether webhooks may reach loopback, private and link-local addresses (<see cref="WebhookTargets"/>).
    /// Off by default: a tenant's rule must not reach the database or the internal network. A single-machine
    /// setup (run.sh) and the tests turn it on to deliver to a receiver on the same machine. The API host
    /// reads the same key (<see cref="WebhookTargets.AllowInternalConfigKey"/>) when a rule is saved.
    /// </summary>
    public bool AllowInternalTargets { get; set; }
}
