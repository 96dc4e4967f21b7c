using Leadline.Grains.Workflows;
using Npgsql;

namespace Leadline.ApiHost.Workflows;

public sealed record StoredWorkflowRule(
    long RuleId, string Name, string TriggerEvent, long? CampaignId, bool Enabled, DateTimeOffset CreatedAt,
    IReadOnlyList<WorkflowAction> Actions, IReadOnlyDictionary<string, long> DeliveriesByState);

/// <summary>The rules of an account: every statement is scoped by account id, so no call reaches another's.</summary>
public sealed class WorkflowRuleStore(NpgsqlDataSource db)
{
    public async Task<long> CreateAsync(long accountId, NewWorkflowRule rule)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO workflow_rules (account_id, campaign_id, name, trigger_event, enabled) VALUES ($1, $2, $3, $4, $5) RETURNING rule_id",
            connection, tx);
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = accountId });
        insert.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = rule.CampaignId });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = rule.Name });
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = rule.TriggerEvent });
        insert.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = rule.Enabled });
        var ruleId = (long)(await insert.ExecuteScalarAsync())!;

        await using var actions = new NpgsqlCommand(
            """
            INSERT INTO workflow_actions (rule_id, position, action_type, config)
            SELECT $1, u.position, u.type, u.config::jsonb FROM unnest($2::int[], $3::text[], $4::text[]) AS u(position, type, config)
            """, connection, tx);
        actions.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ruleId });
        actions.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. Enumerable.Range(0, rule.Actions.Count)] });
        actions.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rule.Actions.Select(a => a.Type)] });
        actions.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rule.Actions.Select(WorkflowActionJson.ToConfig)] });
        await actions.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        return ruleId;
    }

    public async Task<List<StoredWorkflowRule>> ListAsync(long accountId, long? ruleId)
    {
        await using var cmd = db.CreateCommand(
            """
            SELECT r.rule_id, r.name, r.trigger_event, r.campaign_id, r.enabled, r.created_at,
                   coalesce((SELECT array_agg(a.action_type ORDER BY a.position) FROM workflow_actions a WHERE a.rule_id = r.rule_id), '{}'),
                   coalesce((SELECT array_agg(a.config::text ORDER BY a.position) FROM workflow_actions a WHERE a.rule_id = r.rule_id), '{}'),
                   coalesce((SELECT jsonb_object_agg(s.state, s.n)::text FROM
                       (SELECT state, count(*) AS n FROM workflow_deliveries d WHERE d.rule_id = r.rule_id GROUP BY state) s), '{}')
            FROM workflow_rules r
            WHERE r.account_id = $1 AND r.deleted_at IS NULL AND ($2::bigint IS NULL OR r.rule_id = $2)
            ORDER BY r.rule_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = accountId });
        cmd.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = ruleId });
        var rules = new List<StoredWorkflowRule>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var types = reader.GetFieldValue<string[]>(6);
            var configs = reader.GetFieldValue<string[]>(7);
            var counts = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(8))!;
            rules.Add(new StoredWorkflowRule(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.GetBoolean(4), reader.GetFieldValue<DateTimeOffset>(5),
                [.. types.Select((type, i) => WorkflowActionJson.FromConfig(type, configs[i]))], counts));
        }
        return rules;
    }

    /// <summary>Enables or disables a rule; a disabled rule gets no new deliveries and its pending ones are cancelled when they come due.</summary>
    public Task<bool> SetEnabledAsync(long accountId, long ruleId, bool enabled) => ChangeRuleAsync(
        """
        WITH changed AS (
            UPDATE workflow_rules SET enabled = $3 WHERE account_id = $1 AND rule_id = $2 AND deleted_at IS NULL RETURNING 1)
        SELECT count(*) FROM changed
        """, accountId, ruleId, enabled);

    /// <summary>Soft delete: the rule's history stays visible; its pending deliveries are cancelled.</summary>
    public Task<bool> DeleteAsync(long accountId, long ruleId) => ChangeRuleAsync(
        """
        WITH gone AS (
            UPDATE workflow_rules SET deleted_at = now(), enabled = $3
            WHERE account_id = $1 AND rule_id = $2 AND deleted_at IS NULL
            RETURNING rule_id),
        cancelled AS (
            UPDATE workflow_deliveries d SET state = 'CANCELLED', completed_at = now(), last_error = 'the rule was deleted'
            FROM gone WHERE d.rule_id = gone.rule_id AND d.state = 'PENDING')
        SELECT count(*) FROM gone
        """, accountId, ruleId, false);

    private async Task<bool> ChangeRuleAsync(string sql, long accountId, long ruleId, bool flag)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = accountId });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ruleId });
        cmd.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = flag });
        return (long)(await cmd.ExecuteScalarAsync())! == 1;
    }
}
