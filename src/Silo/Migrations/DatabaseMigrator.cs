using DbUp;
using DbUp.Engine.Output;
using Npgsql;

namespace Leadline.Silo.Migrations;

/// <summary>
/// Applies db/migrations/*.sql (embedded in this assembly) in name order, once each, journaled in
/// <c>schemaversions</c>. Silos starting together take turns through an advisory lock.
/// </summary>
public static class DatabaseMigrator
{
    private const long MigrationLockKey = 0x4c6561646c696e65; // "Leadline"

    public static void Migrate(string connectionString, IUpgradeLog? log = null)
    {
        EnsureDatabase.For.PostgresqlDatabase(connectionString, log ?? new NoOpUpgradeLog());

        using var lockConnection = new NpgsqlConnection(connectionString);
        lockConnection.Open();
        using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockConnection))
            take.ExecuteNonQuery();
        try
        {
            var upgrader = DeployChanges.To
                .PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.StartsWith("Leadline.Migrations.", StringComparison.Ordinal))
                .WithTransactionPerScript()
                .WithVariablesDisabled() // our SQL has $1 parameters and $$ bodies, not DbUp variables
                .LogTo(log ?? new NoOpUpgradeLog())
                .Build();
            var result = upgrader.PerformUpgrade();
            if (!result.Successful)
                throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error?.Message}", result.Error);
        }
        finally
        {
            using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", lockConnection);
            release.ExecuteNonQuery();
        }
    }
}
