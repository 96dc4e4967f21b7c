using Leadline.ApiHost.Dashboard;
using Leadline.ApiHost.Imports.Jobs;
using Leadline.IntegrationTests.Infrastructure;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Leadline.BrowserTests.Infrastructure;

/// <summary>
/// One silo is enough to serve the pages; the rest of the cluster setup is the integration tests'. Lead uploads go to
/// an import folder of this run's own (deleted with the site), not the machine's shared default.
/// </summary>
public sealed class OneSiloCluster : LeadlineCluster
{
    public string ImportFolder { get; } = Path.Combine(Path.GetTempPath(), "leadline-imports-browser-" + Guid.NewGuid().ToString("N")[..10]);

    protected override short SiloCount => 1;

    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string> { [DashboardSetup.OrleansDashboardSetting] = "true", [ImportSettings.FolderSetting] = ImportFolder };
}

/// <summary>
/// The real thing for the browser: PostgreSQL, a silo and the API host (with the dashboard) on a loopback
/// port, and Debian's Chromium driven by Playwright. The browser is never downloaded.
/// </summary>
public sealed class DashboardSite : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Password = "correct horse battery staple";

    private readonly OneSiloCluster _cluster = new();

    public LeadlineCluster Leadline => _cluster;
    public string BaseUrl => Leadline.Http.BaseAddress!.ToString().TrimEnd('/');
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public static string ScreenshotFolder { get; } =
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "screenshots"));

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (test.sh does it as root).");
        await Leadline.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A fresh account (campaign, list, token) with an operator whose password is <see cref="Password"/>.</summary>
    public async Task<Operator> CreateOperatorAsync()
    {
        var account = await Leadline.CreateAccountAsync();
        var login = $"op-{Guid.NewGuid():N}@test.local";
        await Leadline.Accounts.CreateOperatorAsync(account.AccountId, login, Password, "Test Operator");
        return new Operator(account, login);
    }

    /// <summary>A browser context of its own (cookies, sessionStorage), laptop-sized.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
        });
        // Generous: on 2 cores the browser tests share the machine with the integration tests' clusters.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task<IPage> LogInAsync(Operator op)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=login]", op.Login);
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("button[type=submit]");
        await ArrivedAtAsync(page, "/api/leads");
        await Assertions.Expect(page.Locator("#tab-test")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>
    /// Waits until the page shows <paramref name="path"/>. Polls the URL rather than using WaitForURLAsync, whose
    /// load-state wait missed the DOMContentLoaded event of a redirect once in CI (it saw only NetworkIdle and
    /// timed out); the caller then waits for an element, which is what it needs anyway.
    /// </summary>
    public static Task ArrivedAtAsync(IPage page, string path) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex("^[^?#]*" + Regex.Escape(path) + "([?#].*)?$"));

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        await Leadline.DisposeAsync();
        if (Directory.Exists(_cluster.ImportFolder))
            Directory.Delete(_cluster.ImportFolder, recursive: true);
    }
}

public sealed record Operator(TestAccount Account, string Login);

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardSite>
{
    public const string Name = "dashboard";
}
