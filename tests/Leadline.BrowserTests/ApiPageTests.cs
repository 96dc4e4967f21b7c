using System.Text.Json;
using System.Text.RegularExpressions;
using Leadline.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leadline.BrowserTests;

/// <summary>API → Tokens and API → Leads as an operator uses them, through Chromium.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ApiPageTests(DashboardSite site)
{
    [Fact]
    public async Task Token_created_on_the_tokens_page_runs_a_real_insert_from_Test_Request_and_a_repeat_with_check_dup_2_is_6009()
    {
        var op = await site.CreateOperatorAsync();
        var page = await site.LogInAsync(op);
        await DashboardSite.ScreenshotAsync(page, "api-leads-insert");
        Assert.Equal("Insert Lead", await page.InnerTextAsync(".tabs a.active"));
        Assert.Contains("hopper_expires_in", await page.InnerTextAsync("table.docs"));

        var secret = await CreateTokenAsync(page, "Browser vendor");
        await DashboardSite.ScreenshotAsync(page, "api-tokens");

        await page.ClickAsync("nav a[href='/api/leads']");
        await page.ClickAsync("#tab-test");
        await page.SelectOptionAsync("#token", new SelectOptionValue { Label = $"Browser vendor (…{secret[^4..]})" });
        Assert.True(await page.IsHiddenAsync("#secret-row"), "a token created in this session needs no pasted secret");
        await page.SelectOptionAsync("select[data-param=list_id]", op.Account.ListId.ToString());
        await page.FillAsync("input[data-param=phone_number]", "(727) 555-0142");
        await page.ClickAsync("#test-request details summary");
        await page.FillAsync("input[data-param=first_name]", "Ann");
        await page.CheckAsync("#show-query");

        var masked = new string('*', secret.Length - 4) + secret[^4..];
        var expectedQuery = $"auth_token={masked}&list_id={op.Account.ListId}&phone_number=%28727%29+555-0142&first_name=Ann";
        Assert.Equal(expectedQuery, await page.InnerTextAsync("#query"));
        await page.CheckAsync("#reveal");
        Assert.Equal(expectedQuery.Replace(masked, secret), await page.InnerTextAsync("#query"));
        await page.UncheckAsync("#reveal");

        await page.ClickAsync("#run");
        var first = await ResponseAsync(page);
        Assert.True(first.GetProperty("success").GetBoolean());
        var leadId = long.Parse(first.GetProperty("data").GetProperty("lead_id").GetString()!);
        await DashboardSite.ScreenshotAsync(page, "api-leads-test-request");

        Assert.Equal(1, await site.Leadline.Database.ScalarAsync(
            """
            SELECT count(*) FROM leads l JOIN users u ON u.user_id = l.created_by
            WHERE l.lead_id = $1 AND l.account_id = $2 AND l.list_id = $3 AND l.phone_e164 = '+17275550142'
              AND l.first_name = 'Ann' AND u.display_name = 'System API User'
            """, leadId, op.Account.AccountId, op.Account.ListId));

        await page.SelectOptionAsync("select[data-param=check_dup]", "2");
        Assert.Contains("&check_dup=2", await page.InnerTextAsync("#query"));
        await page.ClickAsync("#run");
        var second = await ResponseAsync(page, expectSuccess: false);
        Assert.Equal(6009, second.GetProperty("code").GetInt32());
        Assert.Equal(leadId.ToString(), second.GetProperty("data").GetProperty("lead_id").GetString());
        Assert.Equal(1, await site.Leadline.Database.ScalarAsync(
            "SELECT count(*) FROM leads WHERE account_id = $1 AND phone_e164 = '+17275550142'", op.Account.AccountId));

        // Manage Leads filtered by Created By = System API User shows the lead; an operator's filter does not.
        await page.ClickAsync("nav a[href='/leads']");
        await page.SelectOptionAsync("#lead-search select[name=created_by]", new SelectOptionValue { Label = "Test Operator" });
        await page.ClickAsync("#lead-search button[type=submit]");
        await Expect(page.Locator("#search-total")).ToHaveTextAsync("0 lead(s)");
        await page.SelectOptionAsync("#lead-search select[name=created_by]", new SelectOptionValue { Label = "System API User" });
        await page.ClickAsync("#lead-search button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"created_by=System\+API\+User"));
        await Expect(page.Locator("#search-total")).ToHaveTextAsync("1 lead(s), 1–1 shown");
        var found = page.Locator("#leads tbody tr");
        await Expect(found).ToContainTextAsync("+17275550142");
        await Expect(found).ToContainTextAsync("System API User");
        await DashboardSite.ScreenshotAsync(page, "leads-search");

        await page.ClickAsync($"#leads a:text-is('{leadId}')");
        var fields = page.Locator("#lead-fields");
        await Expect(fields.Locator("tr", new LocatorLocatorOptions { HasText = "first_name" })).ToContainTextAsync("Ann");
        await Expect(fields.Locator("tr", new LocatorLocatorOptions { HasText = "phone_e164" })).ToContainTextAsync("+17275550142");
        await Expect(fields.Locator("tr", new LocatorLocatorOptions { HasText = "list_id" })).ToContainTextAsync(op.Account.ListId.ToString());
        await Expect(page.Locator("#lead-history")).ToContainTextAsync("created");
        await DashboardSite.ScreenshotAsync(page, "lead-detail-api-insert");
    }

    [Fact]
    public async Task A_token_from_another_session_needs_its_pasted_secret_and_a_wrong_one_is_not_sent()
    {
        var op = await site.CreateOperatorAsync();
        var page = await site.LogInAsync(op);
        await page.GotoAsync("/api/leads?tab=test");
        // The fixture's token was made outside this browser: its secret exists only as a hash.
        await page.SelectOptionAsync("#token", new SelectOptionValue { Label = $"vendor (…{op.Account.Token.Secret[^4..]})" });
        Assert.True(await page.IsVisibleAsync("#secret-row"));
        await page.FillAsync("input[data-param=phone_number]", "727-555-0143");

        await page.FillAsync("#secret", "ll_not-the-right-secret");
        await page.ClickAsync("#run");
        await Expect(page.Locator("#response")).ToContainTextAsync("does not belong to the chosen token");
        Assert.Equal(0, await site.Leadline.Database.ScalarAsync("SELECT count(*) FROM leads WHERE account_id = $1", op.Account.AccountId));

        await page.FillAsync("#secret", op.Account.Token.Secret);
        await page.ClickAsync("#run");
        var answer = await ResponseAsync(page);
        Assert.True(answer.GetProperty("success").GetBoolean());
        Assert.Equal(1, await site.Leadline.Database.ScalarAsync("SELECT count(*) FROM leads WHERE account_id = $1", op.Account.AccountId));
    }

    [Fact]
    public async Task Revoking_a_token_after_confirmation_marks_it_revoked_in_the_list_and_the_database()
    {
        var op = await site.CreateOperatorAsync();
        var page = await site.LogInAsync(op);
        await CreateTokenAsync(page, "Short-lived");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        var row = page.Locator("#tokens tr", new PageLocatorOptions { HasText = "Short-lived" });
        await row.Locator("button:has-text('Revoke')").ClickAsync();
        await Expect(page.Locator("#tokens tr", new PageLocatorOptions { HasText = "Short-lived" })).ToContainTextAsync("revoked");
        Assert.Equal(1, await site.Leadline.Database.ScalarAsync(
            "SELECT count(*) FROM api_tokens WHERE account_id = $1 AND name = 'Short-lived' AND revoked_at IS NOT NULL", op.Account.AccountId));
        Assert.Equal(1, await site.Leadline.Database.ScalarAsync(
            "SELECT count(*) FROM api_tokens WHERE account_id = $1 AND name = 'vendor' AND revoked_at IS NULL", op.Account.AccountId));
    }

    /// <summary>Creates a token with the leads scope on /api/tokens and returns the secret the page shows once.</summary>
    internal static async Task<string> CreateTokenAsync(IPage page, string name)
    {
        await page.GotoAsync("/api/tokens");
        await page.FillAsync("#create-token input[name=name]", name);
        await page.ClickAsync("#create-token button[type=submit]");
        var secret = (await page.InnerTextAsync("#new-token-secret")).Trim();
        Assert.Matches(new Regex("^ll_[A-Za-z0-9_-]{40,}$"), secret);
        return secret;
    }

    private static async Task<JsonElement> ResponseAsync(IPage page, bool expectSuccess = true)
    {
        await Expect(page.Locator("#response-status")).ToHaveTextAsync("HTTP 200");
        await Expect(page.Locator("#response")).ToContainTextAsync(expectSuccess ? "\"success\": true" : "\"success\": false");
        return JsonDocument.Parse(await page.InnerTextAsync("#response")).RootElement.Clone();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
