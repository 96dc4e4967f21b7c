using Npgsql;

namespace Leadline.ApiHost.Admin.Tokens;

/// <summary>A token as the admin API shows it: never its secret or hash.</summary>
public sealed record TokenRow(
    long TokenId, string Name, string[] Scopes, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool Active => RevokedAt is null;
}

public sealed record TokenFilter(long? TokenId, string? Name, bool? Revoked);

/// <summary>Reads api_tokens of one account (creating and revoking are <see cref="Accounts.AccountProvisioner"/>'s).</summary>
public sealed class TokenStore(NpgsqlDataSource db)
{
    private const string Columns = "token_id, name, scopes, token_hint, created_at, last_used_at, revoked_at";

    private const string Where =
        """
        WHERE account_id = $1 AND ($2::bigint IS NULL OR token_id = $2)
          AND ($3::text IS NULL OR strpos(lower(name), lower($3)) > 0) AND ($4::boolean IS NULL OR (revoked_at IS NOT NULL) = $4)
        """;

    public Task<TokenRow?> FindAsync(long accountId, long tokenId) => AdminSql.FirstAsync(db,
        $"SELECT {Columns} FROM api_tokens WHERE account_id = $1 AND token_id = $2", Read, accountId, tokenId);

    public Task<(long Total, List<TokenRow> Rows)> SearchAsync(long accountId, TokenFilter filter, Page page) =>
        AdminSql.PageAsync(db, Columns, $"FROM api_tokens {Where}", "token_id", page, Read, accountId, filter.TokenId, filter.Name, filter.Revoked);

    /// <summary>Every token of the account, active ones first, newest first (the dashboard's list).</summary>
    public Task<List<TokenRow>> ListAsync(long accountId) => AdminSql.ListAsync(db,
        $"SELECT {Columns} FROM api_tokens WHERE account_id = $1 ORDER BY revoked_at IS NOT NULL, token_id DESC", Read, accountId);

    private static TokenRow Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetFieldValue<string[]>(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4),
        AdminSql.OptionalTime(r, 5), AdminSql.OptionalTime(r, 6));
}
