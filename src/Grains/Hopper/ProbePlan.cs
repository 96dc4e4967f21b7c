using Npgsql;

namespace Leadline.Grains.Hopper;

/// <summary>
/// Fixes the plan of the hopper's statements to index walks and per-row primary-key probes (nested loops; no
/// scans, no bitmap scans, no hash or merge joins, no materialized inner sides), whatever the statistics say —
/// for the current transaction only (set_config(…, true) = SET LOCAL), so the pooled connection keeps its defaults.
/// <para>
/// Why: their estimates are poor exactly where it matters. The lease statement on a freshly filled campaign read
/// every lead and every entry (54-72 ms for 600 leads) instead of probing (5 ms). The loader's walk of a
/// 1,000,000-lead list, estimated at 1,250 rows (status and region filters), was planned as a bitmap scan of the
/// whole list, a sort, and an anti join against a materialized list of the hopper's entries: 48 s; pinned, the
/// index walk stops after the rows it needs: 4 ms (bench/README.md, "Hopper loader and zones").
/// </para>
/// </summary>
internal static class ProbePlan
{
    public static NpgsqlBatchCommand Command() => new(
        """
        SELECT set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true),
               set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true),
               set_config('enable_material', 'off', true)
        """);
}
