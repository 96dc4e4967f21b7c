using System.Security.Cryptography;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Npgsql;

namespace Leadline.ApiHost.Seeding;

/// <summary>
/// On a database with no accounts, creates a demo account with an operator login, a campaign, a list
/// and an API token, and writes them to a demo.env file for scripts (KEY=value lines). The token secret
/// exists only there and on the console: the database keeps its hash.
/// </summary>
public static class DemoSeeder
{
    public const string OperatorLogin = "admin@demo.local";

    public static async Task<bool> SeedIfEmptyAsync(NpgsqlDataSource db, string envFile, string baseUrl)
    {
        await using (var count = db.CreateCommand("SELECT count(*) FROM accounts"))
        {
            if ((long)(await count.ExecuteScalarAsync())! > 0)
                return false;
        }

        var provisioner = new AccountProvisioner(db);
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
        var accountId = await provisioner.CreateAccountAsync("Demo Call Center");
        await provisioner.CreateOperatorAsync(accountId, OperatorLogin, password, "Demo Admin");
        var campaignId = await provisioner.CreateCampaignAsync(accountId, "Demo Campaign");
        var listId = await provisioner.CreateListAsync(accountId, campaignId, "Demo List");
        var token = await provisioner.CreateTokenAsync(accountId, "Demo vendor token", ApiScopes.All);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(envFile))!);
        // Created readable by its owner only: it holds the token and the password.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var file = new StreamWriter(envFile, options);
        foreach (var line in new[]
        {
            $"LEADLINE_URL={baseUrl}",
            $"LEADLINE_TOKEN={token.Secret}",
            $"LEADLINE_ACCOUNT_ID={accountId}",
            $"LEADLINE_CAMPAIGN_ID={campaignId}",
            $"LEADLINE_LIST_ID={listId}",
            $"LEADLINE_OPERATOR={OperatorLogin}",
            $"LEADLINE_PASSWORD={password}",
        })
            await file.WriteLineAsync(line);
        return true;
    }
}
