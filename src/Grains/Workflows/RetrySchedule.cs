namespace Leadline.Grains.Workflows;

/// <summary>
/// When a failed delivery is tried again: exponential backoff with full jitter, so a receiver that
/// comes back is not hit by every waiting delivery in the same second. The in-process retries are
/// Polly's; this is the persisted schedule between attempts, which survives a silo restart.
/// </summary>
public static class RetrySchedule
{
    /// <param name="failedAttempts">Attempts made so far (1 after the first failure).</param>
    /// <param name="random">0 ≤ value &lt; 1.</param>
    public static TimeSpan DelayAfter(int failedAttempts, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        // Never less than half the ceiling: full jitter with a floor keeps the backoff growing.
        return TimeSpan.FromMilliseconds(ceiling / 2 + ceiling / 2 * random);
    }
}
