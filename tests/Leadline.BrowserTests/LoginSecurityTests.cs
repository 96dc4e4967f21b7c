using System.Net;
using Leadline.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leadline.BrowserTests;

/// <summary>Login, the antiforgery check on forms, and that an operator reaches only their own account.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LoginSecurityTests(DashboardSite site)
{
    [Fact]
    public async Task A_wrong_password_and_an_unknown_login_get_the_same_refusal_and_no_session()
    {
        var op = await site.CreateOperatorAsync();
        var page = await site.NewPageAsync();
        await page.GotoAsync("/login");
        await DashboardSite.ScreenshotAsync(page, "login");

        await page.FillAsync("input[name=login]", op.Login);
        await page.FillAsync("input[name=password]", "not the password");
        await page.ClickAsync("button[type=submit]");
        var wrongPassword = await page.InnerTextAsync("p.error");
        Assert.EndsWith("/login", page.Url);

        // The refused page's message goes first, so what is read next is the second answer's own.
        await page.EvalOnSelectorAsync("p.error", "e => e.remove()");
        await page.FillAsync("input[name=login]", "nobody-" + op.Login);
        await page.FillAsync("input[name=password]", DashboardSite.Password);
        await page.ClickAsync("button[type=submit]");
        Assert.Equal(wrongPassword, await page.InnerTextAsync("p.error"));
        Assert.Equal("Login or password is wrong.", wrongPassword);
        await DashboardSite.ScreenshotAsync(page, "login-refused");

        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "leadline.operator");
        var response = await page.GotoAsync("/api/tokens");
        Assert.Contains("/login", page.Url);
        Assert.Equal(200, response!.Status);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused_and_creates_nothing()
    {
        var op = await site.CreateOperatorAsync();
        var page = await site.LogInAsync(op);
        await page.GotoAsync("/api/tokens");
        var api = page.Context.APIRequest; // shares the browser's login cookie

        var forged = await api.PostAsync("/api/tokens?handler=Create", new APIRequestContextOptions
        {
            Form = Form(page, ("name", "forged"), ("scopes", "admin")),
            MaxRedirects = 0,
        });
        Assert.Equal((int)HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal(0, await site.Leadline.Database.ScalarAsync(
            "SELECT count(*) FROM api_tokens WHERE account_id = $1 AND name = 'forged'", op.Account.AccountId));

        // The same post with the page's antiforgery token goes through: the refusal above was the missing token.
        var token = await page.GetAttributeAsync("#create-token input[name=__RequestVerificationToken]", "value");
        var genuine = await api.PostAsync("/api/tokens?handler=Create", new APIRequestContextOptions
        {
            Form = Form(page, ("name", "genuine"), ("scopes", "leads"), ("__RequestVerificationToken", token!)),
            MaxRedirects = 0,
        });
        Assert.Equal((int)HttpStatusCode.OK, genuine.Status);
        Assert.Equal(1, await site.Leadline.Database.ScalarAsync(
            "SELECT count(*) FROM api_tokens WHERE account_id = $1 AND name = 'genuine'", op.Account.AccountId));
    }

    [Fact]
    public async Task Pages_require_login_and_another_accounts_lead_is_not_found()
    {
        var anonymous = await site.NewPageAsync();
        foreach (var path in new[] { "/api/leads", "/api/tokens", "/leads", "/workflows", "/hopper", "/cluster", "/dnc" })
        {
            await anonymous.GotoAsync(path);
            Assert.Contains("/login?ReturnUrl=", anonymous.Url);
        }
        var data = await anonymous.Context.APIRequest.GetAsync("/hopper?handler=Data&campaignId=1", new APIRequestContextOptions { MaxRedirects = 0 });
        Assert.Equal(302, data.Status);

        var mine = await site.CreateOperatorAsync();
        var theirs = await site.CreateOperatorAsync();
        var lead = await theirs.Account.InsertAsync(("phone_number", "727-555-0150"), ("first_name", "Theirs"));
        var page = await site.LogInAsync(mine);
        var response = await page.GotoAsync($"/leads/{lead.LeadId}");
        Assert.Equal(404, response!.Status);
        Assert.Equal("No such lead in your account.", await page.InnerTextAsync("#not-found"));
        Assert.DoesNotContain("Theirs", await page.InnerTextAsync("main"));
        var hopper = await page.Context.APIRequest.GetAsync($"/hopper?handler=Data&campaignId={theirs.Account.CampaignId}");
        Assert.Equal(404, hopper.Status);
        await page.GotoAsync("/leads");
        Assert.DoesNotContain("Theirs", await page.InnerTextAsync("#leads"));
    }

    [Fact]
    public async Task Login_returns_to_the_page_asked_for_but_never_to_another_site()
    {
        var op = await site.CreateOperatorAsync();
        var page = await site.NewPageAsync();
        await page.GotoAsync("/workflows");
        await SubmitLoginAsync(page, op);
        await DashboardSite.ArrivedAtAsync(page, "/workflows");

        var other = await site.NewPageAsync();
        await other.GotoAsync("/login?ReturnUrl=" + Uri.EscapeDataString("https://evil.example/phish"));
        await SubmitLoginAsync(other, op);
        await DashboardSite.ArrivedAtAsync(other, "/api/leads");
        Assert.StartsWith(site.BaseUrl, other.Url);
    }

    private static async Task SubmitLoginAsync(IPage page, Operator op)
    {
        Assert.Contains("/login", page.Url);
        await page.FillAsync("input[name=login]", op.Login);
        await page.FillAsync("input[name=password]", DashboardSite.Password);
        await page.ClickAsync("button[type=submit]");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_login_from_this_address_even_for_the_right_password()
    {
        var op = await site.CreateOperatorAsync();
        var page = await site.NewPageAsync();
        await page.GotoAsync("/login");
        for (var i = 0; i < Leadline.ApiHost.Dashboard.Auth.LoginThrottle.MaxPerLoginAndAddress; i++)
        {
            var refused = await SubmitAsync(page, op.Login, "guess-" + i);
            Assert.Equal(401, refused.Status);
            Assert.Equal("Login or password is wrong.", await page.InnerTextAsync("p.error"));
        }

        var locked = await SubmitAsync(page, op.Login, DashboardSite.Password);

        Assert.Equal(429, locked.Status);
        Assert.InRange(int.Parse(locked.Headers["retry-after"]), 840, 900); // seconds left of the 15-minute window
        Assert.Equal("Too many failed logins. Try again in 15 minutes.", await page.InnerTextAsync("p.error"));
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "leadline.operator");
        await DashboardSite.ScreenshotAsync(page, "login-locked");

        // Another operator from the same address is not affected.
        await site.LogInAsync(await site.CreateOperatorAsync());
    }

    /// <summary>Submits the login form and returns the answer to its POST (the page then shows it).</summary>
    private static async Task<IResponse> SubmitAsync(IPage page, string login, string password)
    {
        await page.FillAsync("input[name=login]", login);
        await page.FillAsync("input[name=password]", password);
        return await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("button[type=submit]"),
            r => r.Request.Method == "POST" && r.Url.Contains("/login", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logging_out_ends_the_session()
    {
        var op = await site.CreateOperatorAsync();
        var page = await site.LogInAsync(op);
        await page.ClickAsync("nav .logout button");
        await DashboardSite.ArrivedAtAsync(page, "/login");
        await page.GotoAsync("/api/leads");
        Assert.Contains("/login?ReturnUrl=", page.Url);
    }

    private static IFormData Form(IPage page, params (string Name, string Value)[] fields)
    {
        var form = page.Context.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
            form.Append(name, value);
        return form;
    }
}
