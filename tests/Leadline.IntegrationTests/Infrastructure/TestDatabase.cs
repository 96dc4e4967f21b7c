using Leadline.Silo.Migrations;
using Npgsql;

namespace Leadline.IntegrationTests.Infrastructure;

/// <summary>A fresh, migrated database on the test PostgreSQL (LEADLINE_TEST_PG), dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    public string Name { get; }
    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }

    private TestDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, MaxPoolSize = 40 }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public static TestDatabase Create()
    {
        var admin = Environment.GetEnvironmentVariable("LEADLINE_TEST_PG")
            ?? throw new InvalidOperationException("LEADLINE_TEST_PG is not set: run the tests with ./test.sh, which starts PostgreSQL.");
        var database = new TestDatabase(admin, "leadline_test_" + Guid.NewGuid().ToString("N")[..12]);
        DatabaseMigrator.Migrate(database.ConnectionString);
        return database;
    }

    public async Task<long> ScalarAsync(string sql, params object[] values)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        foreach (var value in values)
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    public async Task<int> ExecuteAsync(string sql, params object[] values)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        foreach (var value in values)
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        return await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of every row.</summary>
    public async Task<List<T>> ListAsync<T>(string sql, params object[] values)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        foreach (var value in values)
            cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        var list = new List<T>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            list.Add(reader.GetFieldValue<T>(0));
        return list;
    }

    /// <summary>An outage for this database only: new connections refused, open ones ended.</summary>
    public async Task BlockConnectionsAsync()
    {
        await AdminAsync($"ALTER DATABASE {Name} WITH ALLOW_CONNECTIONS false");
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Name}'");
    }

    public async Task AllowConnectionsAsync()
    {
        await AdminAsync($"ALTER DATABASE {Name} WITH ALLOW_CONNECTIONS true");
        DataSource.Clear(); // the test's own pooled connections were ended too
    }

    private async Task AdminAsync(string sql)
    {
        await using var admin = NpgsqlDataSource.Create(_adminConnectionString);
        await using var cmd = admin.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}
