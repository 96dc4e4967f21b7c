using System.Text.RegularExpressions;
using Leadline.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leadline.BrowserTests;

/// <summary>Workflow Automation, Hopper, Cluster and the read-only data pages, with a screenshot of each.</summary>
[Collection(DashboardCollection.Name)]
public sealed class OperationsPagesTests(DashboardSite site)
{
    [Fact]
    public async Task A_Hopper_Expire_rule_created_on_the_workflows_page_is_listed_and_stored_with_its_actions()
    {
        var op = await site.CreateOperatorAsync();
        var page = await site.LogInAsync(op);
        await page.GotoAsync("/workflows");
        await page.FillAsync("#create-rule input[name=name]", "Expired leads back to sales");
        await page.SelectOptionAsync("#create-rule select[name=campaign_id]", op.Account.CampaignId.ToString());
        await page.SelectOptionAsync("select[name=row_1_type]", "WEBHOOK");
        await page.FillAsync("input[name=row_1_url]", "https://crm.example.com/hooks/expired");
        await page.SelectOptionAsync("select[name=row_2_type]", "SET_STATUS");
        await page.FillAsync("input[name=row_2_status]", "EXPIRED");
        await page.ClickAsync("#create-rule button[type=submit]");

        var row = page.Locator("#rules tr", new PageLocatorOptions { HasText = "Expired leads back to sales" });
        await Assertions.Expect(row).ToContainTextAsync("Hopper Expire");
        await Assertions.Expect(row).ToContainTextAsync("Webhook POST https://crm.example.com/hooks/expired (json)");
        await Assertions.Expect(row).ToContainTextAsync("Set status EXPIRED");
        Assert.Contains("whsec_", await page.InnerTextAsync("main"));
        await DashboardSite.ScreenshotAsync(page, "workflows");

        Assert.Equal(1, await site.Leadline.Database.ScalarAsync(
            """
            SELECT count(*) FROM workflow_rules r WHERE r.account_id = $1 AND r.campaign_id = $2 AND r.trigger_event = 'HOPPER_EXPIRE'
              AND r.enabled AND (SELECT string_agg(action_type, ',' ORDER BY position) FROM workflow_actions a WHERE a.rule_id = r.rule_id) = 'WEBHOOK,SET_STATUS'
            """, op.Account.AccountId, op.Account.CampaignId));

        await row.Locator("button:has-text('Disable')").ClickAsync();
        await Assertions.Expect(page.Locator("#rules tr", new PageLocatorOptions { HasText = "Expired leads back to sales" })).ToContainTextAsync("disabled");
        Assert.Equal(0, await site.Leadline.Database.ScalarAsync(
            "SELECT count(*) FROM workflow_rules WHERE account_id = $1 AND enabled", op.Account.AccountId));
    }

    [Fact]
    public async Task A_delivery_shows_its_attempt_log_and_a_dead_letter_is_delivered_again_after_Retry()
    {
        var op = await site.CreateOperatorAsync();
        var account = op.Account;
        var lead = await account.InsertAsync(("phone_number", "727-555-0180"));
        var page = await site.LogInAsync(op);
        await page.GotoAsync("/workflows");
        await page.FillAsync("#create-rule input[name=name]", "Mark expired");
        await page.SelectOptionAsync("select[name=row_1_type]", "SET_STATUS");
        await page.FillAsync("input[name=row_1_status]", "EXPIRED");
        await page.ClickAsync("#create-rule button[type=submit]");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("created");

        // An expiry as the hopper records it: the event row fans out to the rule's delivery.
        var db = site.Leadline.Database;
        await db.ScalarAsync(
            "INSERT INTO workflow_events (account_id, event_type, campaign_id, lead_id) VALUES ($1, 'HOPPER_EXPIRE', $2, $3)",
            account.AccountId, account.CampaignId, lead.LeadId);
        await WaitUntilAsync(() => db.ScalarAsync(
            "SELECT count(*) FROM workflow_deliveries WHERE account_id = $1 AND state = 'DELIVERED'", account.AccountId));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM leads WHERE lead_id = $1 AND status = 'EXPIRED'", lead.LeadId));

        // Turn it into a dead letter that stopped at its first action, as after MaxAttempts failures.
        await db.ScalarAsync("UPDATE leads SET status = 'NEW' WHERE lead_id = $1", lead.LeadId);
        await db.ScalarAsync(
            "UPDATE workflow_deliveries SET state = 'DEAD', next_action = 0, last_error = 'receiver down' WHERE account_id = $1",
            account.AccountId);
        await page.GotoAsync("/workflows");
        var dead = page.Locator("#deliveries tr", new PageLocatorOptions { HasText = "receiver down" });
        await Assertions.Expect(dead).ToContainTextAsync("DEAD");
        await dead.Locator("summary").ClickAsync();
        await Assertions.Expect(dead).ToContainTextAsync("SET_STATUS OK");
        await DashboardSite.ScreenshotAsync(page, "workflows-dead-letter");

        await dead.Locator("button:has-text('Retry')").ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToHaveTextAsync("1 delivery(ies) queued again.");
        await WaitUntilAsync(() => db.ScalarAsync(
            """
            SELECT count(*) FROM workflow_deliveries d JOIN leads l ON l.lead_id = $2
            WHERE d.account_id = $1 AND d.state = 'DELIVERED' AND l.status = 'EXPIRED'
              AND (SELECT count(*) FROM workflow_delivery_attempts a WHERE a.delivery_id = d.delivery_id) = 2
            """, account.AccountId, lead.LeadId));
        await page.GotoAsync("/workflows");
        await Assertions.Expect(page.Locator("#deliveries tbody tr").First).ToContainTextAsync("DELIVERED");
    }

    private static async Task WaitUntilAsync(Func<Task<long>> count)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(100))
            if (await count() == 1)
                return;
        Assert.Fail("The delivery did not reach the expected state within 20 s.");
    }

    [Fact]
    public async Task A_rule_the_API_would_refuse_is_refused_with_its_reason_and_not_stored()
    {
        var op = await site.CreateOperatorAsync();
        var page = await site.LogInAsync(op);
        await page.GotoAsync("/workflows");
        await page.FillAsync("#create-rule input[name=name]", "Broken");
        await page.SelectOptionAsync("select[name=row_1_type]", "WEBHOOK");
        await page.FillAsync("input[name=row_1_url]", "ftp://nowhere");
        await page.ClickAsync("#create-rule button[type=submit]");
        await Assertions.Expect(page.Locator("p.error")).ToContainTextAsync("action_1_url");
        Assert.Equal(0, await site.Leadline.Database.ScalarAsync("SELECT count(*) FROM workflow_rules WHERE account_id = $1", op.Account.AccountId));
    }

    [Fact]
    public async Task The_hopper_page_draws_depth_by_priority_and_the_next_expiries_and_refreshes_itself()
    {
        var op = await site.CreateOperatorAsync();
        var account = op.Account;
        var first = await account.InsertAsync(("phone_number", "727-555-0160"), ("hopper", "1"), ("hopper_priority", "70"), ("hopper_expires_in", "30"));
        await account.InsertAsync(("phone_number", "727-555-0161"), ("hopper", "1"));
        await account.InsertAsync(("phone_number", "727-555-0162"), ("hopper", "1"));
        var page = await site.LogInAsync(op);
        await page.GotoAsync($"/hopper?campaignId={account.CampaignId}");

        await Assertions.Expect(page.Locator("#hopper-ready")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("#hopper-chart")).ToContainTextAsync("priority 99");
        Assert.Equal(2, await page.Locator("#hopper-chart rect.bar").CountAsync());
        await Assertions.Expect(page.Locator("#hopper-expiring")).ToContainTextAsync(first.LeadId.ToString());

        // A lead inserted while the page is open shows up without a reload.
        await account.InsertAsync(("phone_number", "727-555-0163"), ("hopper", "1"), ("hopper_priority", "10"));
        await Assertions.Expect(page.Locator("#hopper-ready")).ToHaveTextAsync("4", new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#hopper-chart")).ToContainTextAsync("priority 10");
        await DashboardSite.ScreenshotAsync(page, "hopper");
    }

    [Fact]
    public async Task The_data_pages_and_the_cluster_page_show_the_accounts_rows_and_the_silo()
    {
        var op = await site.CreateOperatorAsync();
        var lead = await op.Account.InsertAsync(("phone_number", "727-555-0170"), ("first_name", "Grace"), ("city", "Tampa"));
        var page = await site.LogInAsync(op);

        await page.GotoAsync("/leads");
        await page.ClickAsync($"#leads a:text-is('{lead.LeadId}')");
        await Assertions.Expect(page.Locator("#lead-fields")).ToContainTextAsync("Tampa");
        await Assertions.Expect(page.Locator("#lead-fields")).ToContainTextAsync("System API User");
        await DashboardSite.ScreenshotAsync(page, "lead-detail");
        await page.GotoAsync("/leads");
        await DashboardSite.ScreenshotAsync(page, "leads");

        await page.GotoAsync("/campaigns");
        await Assertions.Expect(page.Locator("#campaigns")).ToContainTextAsync("Campaign A");
        await DashboardSite.ScreenshotAsync(page, "campaigns");
        await page.GotoAsync("/lists");
        var list = page.Locator("#lists tr", new PageLocatorOptions { HasText = "List A1" });
        await Assertions.Expect(list.Locator("td").Nth(4)).ToHaveTextAsync("1");
        await DashboardSite.ScreenshotAsync(page, "lists");
        await page.GotoAsync("/dnc");
        await DashboardSite.ScreenshotAsync(page, "dnc");

        await page.GotoAsync("/cluster");
        await Assertions.Expect(page.Locator("#silos")).ToContainTextAsync("Active");
        await DashboardSite.ScreenshotAsync(page, "cluster");
    }

    [Fact]
    public async Task The_Orleans_Dashboard_is_linked_from_the_cluster_page_serves_cluster_data_and_only_to_operators()
    {
        var anonymous = await site.NewPageAsync();
        var refused = await anonymous.Context.APIRequest.GetAsync("/orleans/ClusterStats", new APIRequestContextOptions { MaxRedirects = 0 });
        Assert.Equal(302, refused.Status);
        Assert.Contains("/login", refused.Headers["location"]);

        var page = await site.LogInAsync(await site.CreateOperatorAsync());
        await page.GotoAsync("/cluster");
        await page.ClickAsync("#orleans-dashboard");
        await DashboardSite.ArrivedAtAsync(page, "/orleans/");
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("Orleans"));
        // The dashboard grain collects its counters every second: the silo appears within a few.
        var counters = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline && !counters.Contains("\"totalActiveHostCount\":1"); await Task.Delay(250))
        {
            var response = await page.Context.APIRequest.GetAsync("/orleans/DashboardCounters");
            Assert.Equal(200, response.Status);
            counters = await response.TextAsync();
        }
        Assert.Contains("\"totalActiveHostCount\":1", counters);
        await page.WaitForTimeoutAsync(1500); // let its script draw before the screenshot
        await DashboardSite.ScreenshotAsync(page, "orleans-dashboard");
    }
}
