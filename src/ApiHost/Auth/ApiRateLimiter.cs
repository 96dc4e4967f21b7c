using System.Threading.RateLimiting;

namespace Leadline.ApiHost.Auth;

/// <summary>
/// Requests per second per API token, on this host (<c>Leadline:RateLimit:PerTokenPerSecond</c>, default 200,
/// 0 = off). A token bucket per token id holding one second's worth, refilled continuously; buckets of
/// tokens idle for a while are dropped by the partitioned limiter. With several API hosts behind a load
/// balancer each host counts on its own.
/// </summary>
public sealed class ApiRateLimiter : IDisposable
{
    public const string ConfigKey = "Leadline:RateLimit:PerTokenPerSecond";
    public const int DefaultPerSecond = 200;

    private readonly PartitionedRateLimiter<long>? _limiter;

    public ApiRateLimiter(int perSecond)
    {
        if (perSecond <= 0)
            return;
        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = false, // the partitioned limiter refills every bucket from one timer
        };
        _limiter = PartitionedRateLimiter.Create<long, long>(tokenId => RateLimitPartition.GetTokenBucketLimiter(tokenId, _ => options));
    }

    public ApiRateLimiter(IConfiguration configuration)
        : this(configuration.GetValue(ConfigKey, DefaultPerSecond))
    {
    }

    public bool Enabled => _limiter is not null;

    /// <summary>Takes one request from the token's bucket; when empty, how many seconds until it may try again.</summary>
    public bool TryAcquire(long tokenId, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        if (_limiter is null)
            return true;
        using var lease = _limiter.AttemptAcquire(tokenId);
        if (lease.IsAcquired)
            return true;
        retryAfterSeconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
            : 1;
        return false;
    }

    public void Dispose() => _limiter?.Dispose();
}
