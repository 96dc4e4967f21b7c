using Npgsql;

namespace Leadline.ApiHost.Dashboard.Data;

public sealed record UserRow(long UserId, string Kind, string DisplayName);

/// <summary>An account's users: who "created by" can name (operators, and its API user).</summary>
public sealed class UserQueries(NpgsqlDataSource db)
{
    public Task<List<UserRow>> ListAsync(long accountId) => DbRows.ListAsync(db,
        "SELECT user_id, kind, display_name FROM users WHERE account_id = $1 ORDER BY kind, display_name, user_id",
        r => new UserRow(r.GetInt64(0), r.GetString(1), r.GetString(2)),
        accountId);
}
