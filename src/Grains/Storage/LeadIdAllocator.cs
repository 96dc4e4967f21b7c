using System.Collections.Concurrent;
using Npgsql;

namespace Leadline.Grains.Storage;

/// <summary>
/// Hands out lead ids from <c>leads_lead_id_seq</c>, reserved in blocks so the hot path never waits
/// for a sequence round trip. Ids of a block not used before the silo stops are skipped (a gap, as
/// any sequence may have).
/// </summary>
public sealed class LeadIdAllocator(NpgsqlDataSource dataSource)
{
    private const int BlockSize = 500;
    private const int RefillBelow = BlockSize / 4;

    private readonly ConcurrentQueue<long> _ids = new();
    private readonly SemaphoreSlim _refillGate = new(1, 1);
    private int _refillRunning;

    /// <summary>Takes an id without waiting, starting a refill in the background when running low.</summary>
    public bool TryTake(out long id)
    {
        var taken = _ids.TryDequeue(out id);
        if (_ids.Count < RefillBelow && Interlocked.CompareExchange(ref _refillRunning, 1, 0) == 0)
            _ = Task.Run(RefillInBackgroundAsync); // off the calling grain's scheduler
        return taken;
    }

    /// <summary>Waits until ids are available (used when <see cref="TryTake"/> came up empty).</summary>
    public async Task EnsureAvailableAsync(CancellationToken ct = default)
    {
        await _refillGate.WaitAsync(ct);
        try
        {
            if (_ids.IsEmpty)
                await ReserveBlockAsync(ct);
        }
        finally
        {
            _refillGate.Release();
        }
    }

    private async Task RefillInBackgroundAsync()
    {
        try
        {
            await _refillGate.WaitAsync();
            try
            {
                if (_ids.Count < RefillBelow)
                    await ReserveBlockAsync(CancellationToken.None);
            }
            finally
            {
                _refillGate.Release();
            }
        }
        catch (Exception)
        {
            // The caller that finds the queue empty retries through EnsureAvailableAsync and sees the error.
        }
        finally
        {
            Volatile.Write(ref _refillRunning, 0);
        }
    }

    private async Task ReserveBlockAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT nextval('leads_lead_id_seq') FROM generate_series(1, $1)");
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = BlockSize });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var block = new List<long>(BlockSize);
        while (await reader.ReadAsync(ct))
            block.Add(reader.GetInt64(0));
        block.Sort();
        foreach (var id in block)
            _ids.Enqueue(id);
    }
}
