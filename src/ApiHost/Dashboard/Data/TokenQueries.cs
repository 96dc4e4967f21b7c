using Npgsql;

namespace Leadline.ApiHost.Dashboard.Data;

public sealed record TokenRow(
    long TokenId, string Name, IReadOnlyList<string> Scopes, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool Active => RevokedAt is null;
}

/// <summary>An account's API tokens as the dashboard lists them; the secrets are not stored, only their last 4 characters.</summary>
public sealed class TokenQueries(NpgsqlDataSource db)
{
    public Task<List<TokenRow>> ListAsync(long accountId) => DbRows.ListAsync(db,
        """
        SELECT token_id, name, scopes, token_hint, created_at, last_used_at, revoked_at
        FROM api_tokens WHERE account_id = $1
        ORDER BY revoked_at IS NOT NULL, token_id DESC
        """,
        r => new TokenRow(r.GetInt64(0), r.GetString(1), r.GetFieldValue<string[]>(2), r.GetString(3),
            r.GetFieldValue<DateTimeOffset>(4), r.Time(5), r.Time(6)),
        accountId);
}
