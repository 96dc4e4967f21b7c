using System.Net;
using System.Text.RegularExpressions;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Admin;

/// <summary>
/// The dashboard's Lists page shows Convoso's list status (Y/N) and toggles it, separately from the archive.
/// Plain HTTP with the page's own forms (login, antiforgery token), so it runs without a browser.
/// </summary>
public sealed partial class ListsPageTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task The_lists_page_shows_the_status_and_toggling_it_stores_it_without_archiving()
    {
        var account = await leadline.CreateAccountAsync();
        using var operatorClient = await LogInAsync(account);

        var page = await operatorClient.GetStringAsync("/lists");
        Assert.Equal("Y", StatusOf(page, account.ListId));

        var toggled = await PostFormAsync(operatorClient, $"/lists?handler=Status&listId={account.ListId}", page, ("active", "false"));

        Assert.Contains($"List {account.ListId} is now inactive (status N).", toggled);
        Assert.Equal("N", StatusOf(toggled, account.ListId));
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM lists WHERE list_id = $1 AND NOT active AND NOT archived", account.ListId));
        var api = Assert.Single(await new AdminClient(account).EntriesAsync("/v1/lists/search", ("id", account.ListId.ToString())));
        Assert.Equal("N", api.GetProperty("status").GetString());

        var back = await PostFormAsync(operatorClient, $"/lists?handler=Status&listId={account.ListId}", toggled, ("active", "true"));
        Assert.Equal("Y", StatusOf(back, account.ListId));
    }

    [Fact]
    public async Task Toggling_another_accounts_list_is_no_such_list_and_changes_nothing()
    {
        var account = await leadline.CreateAccountAsync();
        var theirs = await leadline.CreateAccountAsync();
        using var operatorClient = await LogInAsync(account);
        var page = await operatorClient.GetStringAsync("/lists");

        var answer = await PostFormAsync(operatorClient, $"/lists?handler=Status&listId={theirs.ListId}", page, ("active", "false"),
            expect: HttpStatusCode.BadRequest);

        Assert.Contains("No such List", answer);
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM lists WHERE list_id = $1 AND active", theirs.ListId));
    }

    private async Task<HttpClient> LogInAsync(TestAccount account)
    {
        var login = $"op-{Guid.NewGuid():N}@test.local";
        await leadline.Accounts.CreateOperatorAsync(account.AccountId, login, Password, "Test Operator");
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true })
        {
            BaseAddress = leadline.Http.BaseAddress,
        };
        var form = await client.GetStringAsync("/login");
        var home = await PostFormAsync(client, "/login", form, ("login", login), ("password", Password));
        Assert.DoesNotContain("id=\"login-form\"", home);
        return client;
    }

    /// <summary>Posts a page's form with its antiforgery token; returns the page answered.</summary>
    private static async Task<string> PostFormAsync(HttpClient client, string path, string page, (string Name, string Value) field,
        HttpStatusCode expect = HttpStatusCode.OK) => await PostFormAsync(client, path, page, [field], expect);

    private static async Task<string> PostFormAsync(HttpClient client, string path, string page, (string Name, string Value) a, (string Name, string Value) b) =>
        await PostFormAsync(client, path, page, [a, b], HttpStatusCode.OK);

    private static async Task<string> PostFormAsync(HttpClient client, string path, string page, (string Name, string Value)[] fields, HttpStatusCode expect)
    {
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", token)));
        using var response = await client.PostAsync(path, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expect, $"{path}: {response.StatusCode}");
        return body;
    }

    /// <summary>The Y/N pill in the list's row.</summary>
    private static string StatusOf(string page, long listId)
    {
        var row = Regex.Match(page, $"<tr data-list-id=\"{listId}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"no row for list {listId}");
        return StatusPill().Match(row.Groups[1].Value).Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<span class=\"pill (?:on|off)\" title=\"(?:active|inactive)\">([YN])</span>")]
    private static partial Regex StatusPill();
}
