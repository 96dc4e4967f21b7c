using System.Collections.Concurrent;

namespace Leadline.ApiHost.Accounts;

/// <summary>
/// A read-through cache of completed lookups that each live for a fixed time. Every insert resolves its list
/// (and often its campaign) here, so a hit must cost no allocation: the completed Task itself is what is kept
/// (IMemoryCache.GetOrCreateAsync boxed the key and allocated a closure and a state machine per hit — 8 µs of an
/// insert's 79 µs in bench/). Concurrent misses of one key may load twice; the last one wins, which is harmless
/// for data that is allowed to be <c>lifetime</c> old anyway.
/// </summary>
public sealed class ExpiringCache<TKey, TValue>(TimeSpan lifetime, Func<TKey, Task<TValue>> load, TimeProvider clock) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (Task<TValue> Value, long ExpiresAt)> _entries = new();
    private readonly long _lifetimeTicks = (long)(lifetime.TotalSeconds * clock.TimestampFrequency);

    public Task<TValue> GetAsync(TKey key)
    {
        if (_entries.TryGetValue(key, out var entry) && clock.GetTimestamp() < entry.ExpiresAt)
            return entry.Value;
        return LoadAsync(key);
    }

    public void Forget(TKey key) => _entries.TryRemove(key, out _);

    private async Task<TValue> LoadAsync(TKey key)
    {
        var value = await load(key); // a failed load is not cached: the next call tries again
        _entries[key] = (Task.FromResult(value), clock.GetTimestamp() + _lifetimeTicks);
        return value;
    }
}
