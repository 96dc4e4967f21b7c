using System.Net;
using Leadline.IntegrationTests.Dnc;
using Leadline.IntegrationTests.Hopper;
using Leadline.IntegrationTests.Infrastructure;
using Leadline.IntegrationTests.Search;
using Microsoft.Extensions.Hosting;

namespace Leadline.IntegrationTests.CoHosted;

/// <summary>
/// The co-hosted API host (silo in its process) through HTTP only: what every other test class checks against the
/// separate topology (API host as a client of a TestingHost cluster), here on the single-node default.
/// </summary>
[Collection(nameof(CoHostedCollection))]
public sealed class CoHostedTests(CoHostedLeadline leadline)
{
    [Fact]
    public async Task It_is_live_and_ready_with_its_own_silo()
    {
        using var live = await leadline.Http.GetAsync("/health/live");
        using var ready = await leadline.Http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"ready\"", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Insert_with_check_dup_then_search_finds_the_one_lead()
    {
        var account = await leadline.CreateAccountAsync();
        var phone = TestPhones.Next();

        var first = await account.InsertAsync(("phone_number", phone.Raw), ("check_dup", "1"), ("first_name", "Cohost"));
        var again = await account.InsertAsync(("phone_number", phone.Raw), ("check_dup", "1"));

        Assert.True(first.Success, first.Json.ToString());
        Assert.Equal(6009, again.Code);
        Assert.Equal(first.LeadId, again.LeadId);
        Assert.Equal(1, await account.CountLeadsAsync(phone.E164));
        var page = await new SearchClient(account).SearchAsync(("phone_number", phone.Raw));
        Assert.Equal([first.LeadId], page.LeadIds);
    }

    [Fact]
    public async Task Hopper_pull_then_ack_leases_each_entry_once()
    {
        var account = await leadline.CreateAccountAsync();
        var hopper = new HopperClient(account);
        var leads = new[] { await hopper.InsertAsync(), await hopper.InsertAsync() };
        await hopper.WaitForReadyAsync(2);

        var pulled = await hopper.PullAsync(10, dialer: "d1");
        var ack = await hopper.AckAsync([.. pulled.Select(e => e.LeaseId)]);

        Assert.Equal(leads.Order(), pulled.Select(e => e.LeadId).Order());
        Assert.True(ack.Success, ack.Json.ToString());
        Assert.Empty(await hopper.PullAsync(10));
        Assert.Equal(0, (await hopper.StatusAsync()).GetProperty("ready").GetInt32());
    }

    [Fact]
    public async Task A_dnc_entry_refuses_the_insert_that_checks_it()
    {
        var account = await leadline.CreateAccountAsync();
        var dnc = new DncClient(account);
        var phone = TestPhones.Next();
        await dnc.InsertAsync(phone);

        Assert.Equal(6010, (await dnc.InsertLeadCheckingDncAsync(phone)).Code);
        Assert.Equal(0, await account.CountLeadsAsync(phone.E164));
    }

    [Fact]
    public async Task The_cluster_page_lists_the_co_hosted_silo_and_the_orleans_dashboard_is_behind_the_login()
    {
        var account = await leadline.CreateAccountAsync();
        using var operatorClient = await OperatorClient.LogInAsync(leadline, account);

        var cluster = await operatorClient.GetStringAsync("/cluster");
        using var anonymous = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = leadline.Http.BaseAddress }
            .GetAsync("/orleans/");
        using var dashboard = await operatorClient.GetAsync("/orleans/ClusterStats");

        Assert.Contains($"127.0.0.1:{leadline.SiloPort}", cluster);
        Assert.Contains("Active", cluster);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task A_standalone_silo_joins_the_co_hosted_cluster_and_inserts_keep_working()
    {
        var account = await leadline.CreateAccountAsync();
        using var extra = await leadline.StartStandaloneSiloAsync();
        try
        {
            var active = await leadline.Database.ScalarAsync(
                "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = $1 AND status = 3", leadline.ClusterId);
            Assert.Equal(2, active);

            // Phones spread over the shards, so some shard grains activate on the standalone silo.
            for (var i = 0; i < 20; i++)
            {
                var answer = await account.InsertAsync(("phone_number", TestPhones.Next().Raw), ("check_dup", "1"), ("hopper", "1"));
                Assert.True(answer.Success, answer.Json.ToString());
            }
            Assert.Equal(20, await account.CountAllLeadsAsync());
        }
        finally
        {
            await extra.StopAsync();
        }
    }
}

/// <summary>Restarts the host: a test class of its own, so no other test sees the host go away.</summary>
[Collection(nameof(CoHostedRestartCollection))]
public sealed class CoHostedRestartTests(CoHostedLeadline leadline)
{
    [Fact]
    public async Task A_restart_keeps_the_leads_the_duplicates_and_the_hopper()
    {
        var account = await leadline.CreateAccountAsync();
        var hopper = new HopperClient(account);
        var phone = TestPhones.Next();
        var first = await account.InsertAsync(("phone_number", phone.Raw), ("check_dup", "1"), ("hopper", "1"));
        Assert.True(first.Success, first.Json.ToString());
        await hopper.WaitForReadyAsync(1);

        await leadline.RestartAsync();

        using var ready = await leadline.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var again = await account.InsertAsync(("phone_number", phone.Raw), ("check_dup", "1"));
        Assert.Equal(6009, again.Code);
        Assert.Equal(first.LeadId, again.LeadId);
        Assert.Equal([first.LeadId], (await new SearchClient(account).SearchAsync(("phone_number", phone.Raw))).LeadIds);
        Assert.Equal([first.LeadId], (await hopper.PullAsync(10)).Select(e => e.LeadId));
    }
}

[CollectionDefinition(nameof(CoHostedCollection))]
public sealed class CoHostedCollection : ICollectionFixture<CoHostedLeadline>;

[CollectionDefinition(nameof(CoHostedRestartCollection))]
public sealed class CoHostedRestartCollection : ICollectionFixture<CoHostedLeadline>;
