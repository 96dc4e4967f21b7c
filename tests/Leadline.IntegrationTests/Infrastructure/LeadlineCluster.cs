using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Hosting;
using Leadline.Grains;
using Leadline.Grains.Campaigns;
using Leadline.Grains.Workflows;
using Leadline.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Leadline.IntegrationTests.Infrastructure;

/// <summary>
/// The real thing, in one process: a migrated PostgreSQL database, a two-silo Orleans cluster with
/// ADO.NET clustering, storage and reminders on it, and the API host on a loopback Kestrel port as the
/// cluster's client (the separate topology). <see cref="StartAsync"/> is where a fixture picks another.
/// </summary>
public class LeadlineCluster : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public TestCluster Cluster { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public AccountProvisioner Accounts { get; private set; } = null!;
    private WebApplication _api = null!;

    /// <summary>The API host's services (its endpoint data source, for tests that enumerate the /v1 endpoints).</summary>
    public IServiceProvider ApiServices => _api.Services;

    public async Task InitializeAsync()
    {
        Database = TestDatabase.Create();
        Accounts = new AccountProvisioner(Database.DataSource);
        await StartAsync();
    }

    /// <summary>
    /// The topology under test: here a TestingHost cluster with the API host as its client. The co-hosted
    /// fixture (CoHosted/CoHostedLeadline) starts the real API host with its silo in-process instead.
    /// </summary>
    protected virtual async Task StartAsync()
    {
        var builder = new TestClusterBuilder(SiloCount);
        builder.Options.UseTestClusterMembership = false; // membership on PostgreSQL, as in production
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties[ConnectionStringKey] = Database.ConnectionString;
        builder.Properties[FakeClockKey] = FakeClockName ?? "";
        foreach (var (key, value) in SharedSettings(Settings))
            builder.Properties[key] = value;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();

        await StartApiAsync(ApiHostApp.Build(ApiArguments(), Cluster.Client));
    }

    /// <summary>Command-line arguments of the API host: the test database, a free loopback port, the shared settings.</summary>
    protected string[] ApiArguments(params string[] more) =>
        [$"--ConnectionStrings:Leadline={Database.ConnectionString}", "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
         $"--{ApiRateLimiter.ConfigKey}={RateLimitPerTokenPerSecond}",
         .. SharedSettings(Settings).Select(s => $"--{s.Key}={s.Value}"), .. more];

    /// <summary>Starts the API host and points <see cref="Http"/> at it.</summary>
    protected async Task StartApiAsync(WebApplication api)
    {
        _api = api;
        await _api.StartAsync();
        var address = _api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http?.Dispose();
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Stops the API host gracefully (with a co-hosted silo, the silo leaves the cluster too).</summary>
    protected async Task StopApiAsync()
    {
        if (_api is null)
            return;
        var api = _api;
        _api = null!;
        await api.StopAsync();
        await api.DisposeAsync();
    }

    /// <summary>
    /// Hopper level of the campaigns <see cref="CreateAccountAsync"/> and <see cref="TestAccount.AddCampaignAsync"/>
    /// make: 0 (the loader loads nothing) for tests that are not about the loader, so a hopper holds exactly what
    /// the test put in it. Loader tests set a level on their campaigns.
    /// </summary>
    public Task UseHopperLevelAsync(long campaignId, int level) =>
        Database.ExecuteAsync("UPDATE campaigns SET hopper_level = $2 WHERE campaign_id = $1", campaignId, level);

    /// <summary>Changes a campaign's dial settings through its grain (as the admin API does) and returns them.</summary>
    public async Task<CampaignDialSettings> DialSettingsAsync(long campaignId, Func<CampaignDialSettings, CampaignDialSettings> change)
    {
        var campaign = Cluster.Client.GetGrain<ICampaignGrain>(campaignId);
        var settings = change((await campaign.GetDialSettingsAsync())!);
        return (await campaign.UpdateDialSettingsAsync(settings))!;
    }

    /// <summary>A new account with one campaign (hopper level 0), one list and a token with every scope.</summary>
    public async Task<TestAccount> CreateAccountAsync()
    {
        var accountId = await Accounts.CreateAccountAsync("Test account " + Guid.NewGuid().ToString("N")[..6]);
        var campaignId = await Accounts.CreateCampaignAsync(accountId, "Campaign A");
        await UseHopperLevelAsync(campaignId, 0);
        var listId = await Accounts.CreateListAsync(accountId, campaignId, "List A1");
        var token = await Accounts.CreateTokenAsync(accountId, "vendor", ApiScopes.All);
        return new TestAccount(this, accountId, campaignId, listId, token);
    }

    /// <summary>
    /// Workflow delivery on a test's time scale (the same schedule, in fractions of a second), and webhooks
    /// allowed to reach this machine, where the tests' receivers listen. <see cref="Settings"/> can override.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> WorkflowSettings = new Dictionary<string, string>
    {
        [WebhookTargets.AllowInternalConfigKey] = "true",
        ["Leadline:Workflows:PollInterval"] = "00:00:00.100",
        ["Leadline:Workflows:MaxAttempts"] = "4",
        ["Leadline:Workflows:RetryBaseDelay"] = "00:00:00.300",
        ["Leadline:Workflows:RetryMaxDelay"] = "00:00:01",
        ["Leadline:Workflows:InProcessRetries"] = "1",
        ["Leadline:Workflows:InProcessRetryDelay"] = "00:00:00.050",
        ["Leadline:Workflows:RequestTimeout"] = "00:00:03",
        ["Leadline:Workflows:ClaimTimeout"] = "00:00:20",
    };

    /// <summary>
    /// Calling hours are not enforced in tests that are not about them: those tests insert US numbers and pull at
    /// whatever hour the suite runs. Fixtures about dialing rules set <c>Enforce</c> in <see cref="Settings"/>
    /// (it comes later and wins) and move a fake clock.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> HopperSettings = new Dictionary<string, string>
    {
        ["Leadline:Hopper:CallingHours"] = "Ignore",
    };

    private static IEnumerable<KeyValuePair<string, string>> SharedSettings(IReadOnlyDictionary<string, string> settings) =>
        WorkflowSettings.Concat(HopperSettings).Concat(settings);

    private const string ConnectionStringKey = "ConnectionStrings:Leadline";
    private const string FakeClockKey = "LeadlineTests:FakeClock";

    /// <summary>Requests per second per token on the API host; 0 (off) so load and concurrency tests are not throttled.</summary>
    protected virtual int RateLimitPerTokenPerSecond => 0;

    /// <summary>Configuration given to the silos and the API host alike.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    /// <summary>Silos started by the fixture (the browser tests need only one).</summary>
    protected virtual short SiloCount => 2;

    /// <summary>When set, the silos' Leadline clock is <see cref="FakeClock.For"/> this name (Orleans keeps real time).</summary>
    protected virtual string? FakeClockName => null;

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            if (silo.Configuration[FakeClockKey] is { Length: > 0 } clockName)
                silo.Services.AddKeyedSingleton<TimeProvider>(LeadlineClock.Key, FakeClock.For(clockName));
            silo.AddLeadline(silo.Configuration[ConnectionStringKey]!);
            silo.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = LeadlineSiloBuilderExtensions.Invariant;
                o.ConnectionString = configuration[ConnectionStringKey];
            });
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        await StopApiAsync();
        if (Cluster is not null)
            await Cluster.DisposeAsync();
        if (Database is not null)
            await Database.DisposeAsync();
    }
}
