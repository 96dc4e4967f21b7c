using Microsoft.Extensions.Caching.Memory;

namespace Leadline.ApiHost.Dashboard.Auth;

/// <summary>
/// Slows password guessing on the dashboard login: after <see cref="MaxPerLoginAndAddress"/> failed logins
/// for one login from one client address, or <see cref="MaxPerLogin"/> for one login from anywhere, within
/// <see cref="Window"/>, that login is refused without checking the password until the window ends. A
/// success clears its login and address. Per (login, address) first so that someone guessing at one
/// operator's password from one machine does not lock the operator out of the office; the per-login cap
/// stops guessing spread over many addresses. Counted per API host, in memory (like the API rate limit).
/// </summary>
public sealed class LoginThrottle(IMemoryCache cache, TimeProvider clock)
{
    public const int MaxPerLoginAndAddress = 5;
    public const int MaxPerLogin = 50;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>How long until this login may try again from this address; null when it may now.</summary>
    public TimeSpan? RetryAfter(string login, string address)
    {
        var now = clock.GetUtcNow();
        var wait = Blocked(PairKey(login, address), MaxPerLoginAndAddress, now);
        var waitAnywhere = Blocked(LoginKey(login), MaxPerLogin, now);
        return wait is null ? waitAnywhere : waitAnywhere is null ? wait : Max(wait.Value, waitAnywhere.Value);
    }

    public void Failed(string login, string address)
    {
        var now = clock.GetUtcNow();
        Count(PairKey(login, address), now);
        Count(LoginKey(login), now);
    }

    public void Succeeded(string login, string address) => cache.Remove(PairKey(login, address));

    private TimeSpan? Blocked(string key, int max, DateTimeOffset now)
    {
        if (!cache.TryGetValue(key, out Failures? failures) || failures is null)
            return null;
        lock (failures)
        {
            var ends = failures.WindowStart + Window;
            return failures.Count >= max && now < ends ? ends - now : null;
        }
    }

    private void Count(string key, DateTimeOffset now)
    {
        var failures = cache.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Window;
            return new Failures { WindowStart = now };
        })!;
        lock (failures)
        {
            if (now >= failures.WindowStart + Window)
                (failures.WindowStart, failures.Count) = (now, 0);
            failures.Count++;
        }
    }

    // Logins compare case-insensitively here so that changing the case does not buy fresh attempts.
    private static string PairKey(string login, string address) => $"login-failures:{address}:{login.Trim().ToLowerInvariant()}";

    private static string LoginKey(string login) => $"login-failures:*:{login.Trim().ToLowerInvariant()}";

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Failures
    {
        public DateTimeOffset WindowStart;
        public int Count;
    }
}
