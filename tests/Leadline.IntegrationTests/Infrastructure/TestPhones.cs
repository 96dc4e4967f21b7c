using Leadline.Grains.PhoneShards;

namespace Leadline.IntegrationTests.Infrastructure;

public sealed record TestPhone(string Raw, string E164);

/// <summary>Distinct valid NANP numbers (real area code, exchange 2–9) for tests that must not collide.</summary>
public static class TestPhones
{
    private static int _next = Random.Shared.Next(1_000_000);

    public static TestPhone Next()
    {
        var n = Interlocked.Increment(ref _next);
        var exchange = 200 + n / 10_000 % 800;
        var line = n % 10_000;
        var national = $"727{exchange:D3}{line:D4}";
        return new TestPhone($"({national[..3]}) {national[3..6]}-{national[6..]}", "+1" + national);
    }

    /// <summary>Another number that the same phone shard owns.</summary>
    public static TestPhone InSameShardAs(TestPhone phone) => NextWhere(phone, sameShard: true);

    /// <summary>Another number that another phone shard owns.</summary>
    public static TestPhone InAnotherShardThan(TestPhone phone) => NextWhere(phone, sameShard: false);

    private static TestPhone NextWhere(TestPhone phone, bool sameShard)
    {
        var shard = PhoneShardKey.ShardOf(phone.E164);
        while (true)
        {
            var candidate = Next();
            if ((PhoneShardKey.ShardOf(candidate.E164) == shard) == sameShard)
                return candidate;
        }
    }
}
