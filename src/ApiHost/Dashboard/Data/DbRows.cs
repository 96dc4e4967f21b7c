using System.Globalization;
using Npgsql;

namespace Leadline.ApiHost.Dashboard.Data;

/// <summary>The read helpers every dashboard query shares: account-scoped commands and nullable columns.</summary>
internal static class DbRows
{
    public static NpgsqlCommand Command(NpgsqlDataSource db, string sql, params object?[] values)
    {
        var cmd = db.CreateCommand(sql);
        foreach (var value in values)
            cmd.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return cmd;
    }

    public static async Task<List<T>> ListAsync<T>(NpgsqlDataSource db, string sql, Func<NpgsqlDataReader, T> map, params object?[] values)
    {
        await using var cmd = Command(db, sql, values);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(map(reader));
        return rows;
    }

    public static long? Long(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    public static string? Text(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static DateTimeOffset? Time(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);

    /// <summary>Any column as the text an operator reads: dates as ISO, times as UTC, numbers invariant.</summary>
    public static string? Display(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetValue(i) switch
    {
        DateTime d when r.GetDataTypeName(i) == "date" => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => DashboardFormat.Time(new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc))),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => DashboardFormat.Time(t),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString(),
    };
}
