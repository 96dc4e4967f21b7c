using Npgsql;

namespace Leadline.ApiHost.Admin.CustomFields;

public sealed record CustomFieldRow(string Name, string Label, int MaxLength, DateTimeOffset CreatedAt);

/// <summary>custom_field_definitions of one account.</summary>
public sealed class CustomFieldStore(NpgsqlDataSource db)
{
    private const string Columns = "name, label, max_length, created_at";
    private const string Where = "WHERE account_id = $1 AND ($2::text IS NULL OR strpos(name, $2) > 0)";

    /// <summary>Null when the account already has a field of that name.</summary>
    public Task<CustomFieldRow?> CreateAsync(long accountId, string name, string label, int maxLength) => AdminSql.FirstAsync(db,
        $"""
        INSERT INTO custom_field_definitions (account_id, name, label, max_length) VALUES ($1, $2, $3, $4)
        ON CONFLICT (account_id, name) DO NOTHING RETURNING {Columns}
        """, Read, accountId, name, label, maxLength);

    public Task<(long Total, List<CustomFieldRow> Rows)> SearchAsync(long accountId, string? name, Page page) =>
        AdminSql.PageAsync(db, Columns, $"FROM custom_field_definitions {Where}", "name", page, Read, accountId, name);

    public Task<CustomFieldRow?> DeleteAsync(long accountId, string name) => AdminSql.FirstAsync(db,
        $"DELETE FROM custom_field_definitions WHERE account_id = $1 AND name = $2 RETURNING {Columns}", Read, accountId, name);

    private static CustomFieldRow Read(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetFieldValue<DateTimeOffset>(3));
}
