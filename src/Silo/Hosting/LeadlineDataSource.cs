using Npgsql;

namespace Leadline.Silo.Hosting;

public static class LeadlineDataSource
{
    /// <summary>
    /// Npgsql otherwise sends DISCARD ALL on every pooled reuse, which makes PostgreSQL re-plan our
    /// prepared batch statements each time (ORLEANS-NOTES.md: about half its CPU).
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString) =>
        new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString)
            .Build();
}
