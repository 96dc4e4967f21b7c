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

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(_adminConnectionString);
        await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }
}
