using Npgsql;
using Orleans.Concurrency;

namespace Leadline.Grains.Health;

[StatelessWorker]
[GrainType("ready")]
public sealed class ReadinessGrain(NpgsqlDataSource db) : Grain, IReadinessGrain
{
    public async Task<bool> CheckAsync()
    {
        try
        {
            await using var cmd = db.CreateCommand("SELECT 1");
            return await cmd.ExecuteScalarAsync() is 1;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }
}
