using Leadline.Grains.PhoneShards;

namespace Leadline.IntegrationTests.Infrastructure;

public sealed record TestPhone(string Raw, string E164);

/// <summary>Distinct valid NANP numbers (real area code, exchange 2–9) for tests that must not collide.</summary>
public static class TestPhones
{
    private static int _next = Random.Shared.Next(1_000_000);

    /// <summary>A number of area code 727 (Florida, Eastern time).</summary>
    public static TestPhone Next() => Next("727");

    /// <summary>A number of this area code (its time zone and state are the area code's).</summary>
    public static TestPhone Next(string areaCode)
    {
        var n = Interlocked.Increment(ref _next);
        var exchange = 200 + n / 10_000 % 800;
        var line = n % 10_000;
        var national = $"{areaCode}{exchange:D3}{line:D4}";
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
