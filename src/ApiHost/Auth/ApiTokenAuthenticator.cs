using Leadline.ApiHost.Convoso;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Leadline.ApiHost.Auth;

/// <summary>
/// Checks auth_token against api_tokens. Answers are cached for a few seconds per host, which is
/// how quickly a revocation reaches every API host.
/// </summary>
public sealed class ApiTokenAuthenticator(
    NpgsqlDataSource db, IMemoryCache cache, ApiRateLimiter rateLimiter, ILogger<ApiTokenAuthenticator> logger)
{
    public static readonly TimeSpan RevocationDelay = TimeSpan.FromSeconds(5);

    private sealed record Lookup(ApiTokenIdentity? Identity, bool Revoked);

    public async Task<(ApiTokenIdentity? Identity, ConvosoError? Error)> AuthenticateAsync(string? secret, string scope)
    {
        if (string.IsNullOrWhiteSpace(secret))
            return (null, ConvosoErrors.TokenMissing);

        var hash = ApiTokenSecret.Hash(secret.Trim());
        var lookup = await cache.GetOrCreateAsync(("api-token", Convert.ToHexString(hash)), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = RevocationDelay;
            return await LoadAsync(hash);
        });

        if (lookup!.Revoked)
            return (null, ConvosoErrors.TokenRevoked);
        if (lookup.Identity is null)
            return (null, ConvosoErrors.TokenInvalid);
        if (!rateLimiter.TryAcquire(lookup.Identity.TokenId, out var retryAfter))
            return (null, ConvosoErrors.RateLimited(retryAfter));
        if (!lookup.Identity.Allows(scope))
            return (null, ConvosoErrors.ScopeMissing(scope));
        return (lookup.Identity, null);
    }

    private async Task<Lookup> LoadAsync(byte[] hash)
    {
        await using var cmd = db.CreateCommand(
            "SELECT token_id, account_id, user_id, scopes, revoked_at IS NOT NULL FROM api_tokens WHERE token_hash = $1");
        cmd.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = hash });
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return new Lookup(null, false);
        if (reader.GetBoolean(4))
            return new Lookup(null, true);

        var identity = new ApiTokenIdentity(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<string[]>(3));
        _ = TouchLastUsedAsync(identity.TokenId);
        return new Lookup(identity, false);
    }

    /// <summary>Once per cache period at most, so the hot path never waits on it.</summary>
    private async Task TouchLastUsedAsync(long tokenId)
    {
        try
        {
            await using var cmd = db.CreateCommand("UPDATE api_tokens SET last_used_at = now() WHERE token_id = $1");
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = tokenId });
            await cmd.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex)
        {
            logger.LogWarning(ex, "Could not record last use of token {TokenId}", tokenId);
        }
    }
}
