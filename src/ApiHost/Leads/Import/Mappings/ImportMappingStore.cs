using System.Text.Json;
using Leadline.ApiHost.Admin;
using Npgsql;
using NpgsqlTypes;

namespace Leadline.ApiHost.Leads.Import.Mappings;

/// <summary>
/// A saved column mapping of an account: header → field (null: skip the column). <see cref="Columns"/> is ordered
/// by header (any case); the database keeps no order.
/// </summary>
public sealed record ImportMapping(string Name, IReadOnlyDictionary<string, string?> Columns, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt);

/// <summary>
/// import_mappings of one account, for /v1/import-mappings/*, /v1/leads/import <c>mapping=</c> and the dashboard's
/// upload. Every call is within one account: another account's mapping is one that does not exist. The store
/// checks nothing but what the table does (name 1-100 characters): callers validate the fields with
/// <see cref="ImportMappingParser"/> (or <see cref="ImportRowMapper.TryField"/>).
/// </summary>
public sealed class ImportMappingStore(NpgsqlDataSource db)
{
    private const string Columns = "name, mapping::text, created_at, modified_at";

    /// <summary>Creates the mapping, or replaces the columns of the account's mapping of that name.</summary>
    public async Task<ImportMapping> SaveAsync(long accountId, string name, IReadOnlyDictionary<string, string?> columns)
    {
        await using var cmd = db.CreateCommand(
            $"""
            INSERT INTO import_mappings (account_id, name, mapping) VALUES ($1, $2, $3)
            ON CONFLICT (account_id, name) DO UPDATE SET mapping = EXCLUDED.mapping, modified_at = now()
            RETURNING {Columns}
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = accountId });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(columns), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return Read(reader);
    }

    /// <summary>The account's mapping of that name; null when it has none (another account's included).</summary>
    public Task<ImportMapping?> FindAsync(long accountId, string name) => AdminSql.FirstAsync(db,
        $"SELECT {Columns} FROM import_mappings WHERE account_id = $1 AND name = $2", Read, accountId, name);

    /// <summary>All the account's mappings, by name.</summary>
    public async Task<IReadOnlyList<ImportMapping>> ListAsync(long accountId) => await AdminSql.ListAsync(db,
        $"SELECT {Columns} FROM import_mappings WHERE account_id = $1 ORDER BY name", Read, accountId);

    /// <summary>One page of the account's mappings whose name contains <paramref name="nameContains"/> (any case; null: all), by name.</summary>
    public Task<(long Total, List<ImportMapping> Rows)> SearchAsync(long accountId, string? nameContains, Page page) =>
        AdminSql.PageAsync(db, Columns,
            "FROM import_mappings WHERE account_id = $1 AND ($2::text IS NULL OR strpos(lower(name), lower($2)) > 0)",
            "name", page, Read, accountId, nameContains);

    /// <summary>The mapping deleted; null when the account has none of that name.</summary>
    public Task<ImportMapping?> DeleteAsync(long accountId, string name) => AdminSql.FirstAsync(db,
        $"DELETE FROM import_mappings WHERE account_id = $1 AND name = $2 RETURNING {Columns}", Read, accountId, name);

    private static ImportMapping Read(NpgsqlDataReader r)
    {
        var stored = JsonSerializer.Deserialize<Dictionary<string, string?>>(r.GetString(1)) ?? [];
        var columns = stored.OrderBy(c => c.Key, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        return new ImportMapping(r.GetString(0), columns, r.GetFieldValue<DateTimeOffset>(2), r.GetFieldValue<DateTimeOffset>(3));
    }
}
