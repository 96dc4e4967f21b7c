using Leadline.ApiHost.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace Leadline.UnitTests.Accounts;

public sealed class ExpiringCacheTests
{
    private readonly FakeTimeProvider _clock = new();
    private int _loads;

    private ExpiringCache<long, string> Cache(Func<long, Task<string>>? load = null) =>
        new(TimeSpan.FromSeconds(10), load ?? (id =>
        {
            _loads++;
            return Task.FromResult($"v{id}#{_loads}");
        }), _clock);

    [Fact]
    public async Task A_hit_within_the_lifetime_returns_the_loaded_value_without_loading_again()
    {
        var cache = Cache();
        Assert.Equal("v1#1", await cache.GetAsync(1));
        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal("v1#1", await cache.GetAsync(1));
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task A_value_is_loaded_again_once_its_lifetime_has_passed()
    {
        var cache = Cache();
        await cache.GetAsync(1);
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("v1#2", await cache.GetAsync(1));
    }

    [Fact]
    public async Task Keys_are_cached_separately_and_Forget_drops_only_its_key()
    {
        var cache = Cache();
        await cache.GetAsync(1);
        await cache.GetAsync(2);
        cache.Forget(1);
        Assert.Equal("v1#3", await cache.GetAsync(1));
        Assert.Equal("v2#2", await cache.GetAsync(2));
    }

    [Fact]
    public async Task A_failed_load_is_not_cached()
    {
        var fail = true;
        var cache = Cache(id => fail ? Task.FromException<string>(new TimeoutException("database away")) : Task.FromResult("ok"));
        await Assert.ThrowsAsync<TimeoutException>(() => cache.GetAsync(1));
        fail = false;
        Assert.Equal("ok", await cache.GetAsync(1));
    }
}
