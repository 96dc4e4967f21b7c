using Npgsql;

namespace Leadline.ApiHost.Admin;

/// <summary>
/// The few query shapes the admin stores need. Optional filters are passed as null and written in SQL as
/// <c>($n::type IS NULL OR column = $n)</c>, so one statement serves every combination.
/// </summary>
public static class AdminSql
{
    public static async Task<List<T>> ListAsync<T>(NpgsqlDataSource db, string sql, Func<NpgsqlDataReader, T> map, params object?[] values)
    {
        await using var cmd = Command(db, sql, values);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(map(reader));
        return rows;
    }

    public static async Task<T?> FirstAsync<T>(NpgsqlDataSource db, string sql, Func<NpgsqlDataReader, T> map, params object?[] values)
        where T : class =>
        (await ListAsync(db, sql, map, values)).FirstOrDefault();

    /// <summary>
    /// One page of a search and the number of all matches: <paramref name="from"/> is the FROM and WHERE part,
    /// using $1…$n for <paramref name="values"/>; offset and limit come after them.
    /// </summary>
    public static async Task<(long Total, List<T> Rows)> PageAsync<T>(NpgsqlDataSource db, string columns, string from, string orderBy,
        Page page, Func<NpgsqlDataReader, T> map, params object?[] values)
    {
        await using var count = Command(db, $"SELECT count(*) {from}", values);
        var total = Convert.ToInt64(await count.ExecuteScalarAsync());
        var rows = await ListAsync(db, $"SELECT {columns} {from} ORDER BY {orderBy} OFFSET ${values.Length + 1} LIMIT ${values.Length + 2}",
            map, [.. values, page.Offset, page.Limit]);
        return (total, rows);
    }

    /// <summary>Id → count from a <c>SELECT id, count(*) … GROUP BY id</c>.</summary>
    public static async Task<Dictionary<long, long>> CountsAsync(NpgsqlDataSource db, string sql, params object?[] values) =>
        (await ListAsync(db, sql, r => (Id: r.GetInt64(0), Count: r.GetInt64(1)), values)).ToDictionary(c => c.Id, c => c.Count);

    public static DateTimeOffset? OptionalTime(NpgsqlDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : reader.GetFieldValue<DateTimeOffset>(column);

    private static NpgsqlCommand Command(NpgsqlDataSource db, string sql, object?[] values)
    {
        var cmd = db.CreateCommand(sql);
        foreach (var value in values)
            cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return cmd;
    }
}
