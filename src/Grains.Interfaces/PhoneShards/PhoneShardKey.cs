namespace Leadline.Grains.PhoneShards;

/// <summary>
/// Which <see cref="IPhoneShardGrain"/> owns a phone. The shard number is also stored on each lead and
/// DNC row so a shard loads only its own rows, so this hash must never change.
/// </summary>
public static class PhoneShardKey
{
    /// <summary>Shards per account; fixed, because rows carry their shard number.</summary>
    public const int ShardCount = 64;

    public static int ShardOf(string e164) =>
        (int)(StableHash.ComputeHash(e164) % ShardCount);

    // "ph" is not hex, so Orleans never mistakes the key for a number or GUID (ORLEANS-NOTES.md).
    public static string For(long accountId, int shard) => $"ph:{accountId}:{shard}";

    public static string For(long accountId, string e164) => For(accountId, ShardOf(e164));

    public static (long AccountId, int Shard) Parse(string key)
    {
        var parts = key.Split(':');
        if (parts.Length != 3 || parts[0] != "ph")
            throw new FormatException($"Not a phone shard key: {key}");
        return (long.Parse(parts[1]), int.Parse(parts[2]));
    }
}
