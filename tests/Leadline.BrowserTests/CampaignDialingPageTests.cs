using Leadline.BrowserTests.Infrastructure;
using Leadline.Grains.Campaigns;
using Microsoft.Playwright;

namespace Leadline.BrowserTests;

/// <summary>
/// A campaign's dialing page: reached from its Campaigns row, edited and saved (stored, served by the grain, shown
/// again after a reload), a refused value shown beside its field with nothing saved, other accounts' campaigns not found.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class CampaignDialingPageTests(DashboardSite site)
{
    [Fact]
    public async Task The_page_linked_from_the_campaigns_row_saves_every_setting_and_shows_the_saved_values()
    {
        var op = await site.CreateOperatorAsync();
        var campaignId = op.Account.CampaignId;
        var page = await site.LogInAsync(op);

        await page.GotoAsync("/campaigns");
        await page.Locator($"#campaigns tr[data-campaign-id='{campaignId}'] a.dialing").ClickAsync();
        await DashboardSite.ArrivedAtAsync(page, $"/campaigns/{campaignId}/dialing");
        await Expect(page.Locator("input[name=hopper_level]")).ToHaveValueAsync("0"); // the test accounts' campaigns have hopper level 0 (LeadlineCluster)
        await Expect(page.Locator("input[name=window_mon]")).ToHaveValueAsync("08:00-21:00");
        await Expect(page.Locator("#campaign-status")).ToHaveTextAsync("active");

        await page.FillAsync("input[name=hopper_level]", "800");
        await page.SelectOptionAsync("select[name=lead_order]", "newest");
        await page.FillAsync("input[name=dialable_statuses]", "new, na");
        await page.FillAsync("input[name=window_sun]", "Closed");
        await page.FillAsync("input[name=window_sat]", "10:00 - 17:00");
        await page.FillAsync("input[name=max_attempts_24h]", "3");
        await page.FillAsync("input[name=recycle]", "na:240,B:60");
        await page.FillAsync("input[name=unknown_zone_as]", "America/New_York");
        await page.ClickAsync("#dialing button[type=submit]");

        await Expect(page.Locator("#notice")).ToHaveTextAsync($"Dial settings of campaign {campaignId} saved.");
        await page.ReloadAsync();
        await ExpectShownAsync(page, new()
        {
            ["hopper_level"] = "800", ["dialable_statuses"] = "NEW,NA", ["window_sun"] = "closed", ["window_sat"] = "10:00-17:00",
            ["window_mon"] = "08:00-21:00", ["max_attempts_24h"] = "3", ["recycle"] = "B:60,NA:240", ["unknown_zone_as"] = "America/New_York",
        });
        await Expect(page.Locator("select[name=lead_order]")).ToHaveValueAsync("newest");
        await DashboardSite.ScreenshotAsync(page, "campaign-dialing");

        Assert.Equal(1, await site.Leadline.Database.ScalarAsync(
            """
            SELECT count(*) FROM campaigns WHERE campaign_id = $1 AND hopper_level = 800 AND lead_order = 'newest'
              AND dialable_statuses = '{NEW,NA}' AND calling_window->0 = '[0,0]' AND calling_window->6 = '[600,1020]'
              AND max_attempts_24h = 3 AND recycle_minutes = '{"NA":240,"B":60}' AND unknown_zone_as = 'America/New_York'
            """, campaignId));
        var served = (await site.Leadline.Cluster.Client.GetGrain<ICampaignGrain>(campaignId).GetDialSettingsAsync())!;
        Assert.Equal((800, LeadOrder.NewestFirst, 3), (served.HopperLevel, served.LeadOrder, served.MaxAttemptsPer24h));
    }

    [Fact]
    public async Task A_refused_value_is_shown_beside_its_field_keeps_what_was_typed_and_saves_nothing()
    {
        var op = await site.CreateOperatorAsync();
        var campaignId = op.Account.CampaignId;
        var page = await site.LogInAsync(op);
        await page.GotoAsync($"/campaigns/{campaignId}/dialing");

        await page.FillAsync("input[name=hopper_level]", "900");
        await page.FillAsync("input[name=window_tue]", "17:00-09:00");
        await page.ClickAsync("#dialing button[type=submit]");

        await Expect(page.Locator("[data-error-for=window_tue]")).ToHaveTextAsync(
            "Tuesday: “17:00-09:00” ends before it starts; write “closed” for a day without calls");
        await Expect(page.Locator("input[name=window_tue]")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#error")).ToBeVisibleAsync();
        await ExpectShownAsync(page, new() { ["window_tue"] = "17:00-09:00", ["hopper_level"] = "900" });
        await DashboardSite.ScreenshotAsync(page, "campaign-dialing-refused");

        await page.FillAsync("input[name=window_tue]", "09:00-17:00");
        await page.FillAsync("input[name=recycle]", "NA:0");
        await page.ClickAsync("#dialing button[type=submit]");

        await Expect(page.Locator("[data-error-for=recycle]")).ToContainTextAsync("Invalid value for recycle: the minutes of NA");
        await Expect(page.Locator("[data-error-for=window_tue]")).ToHaveCountAsync(0);
        Assert.Equal(1, await site.Leadline.Database.ScalarAsync(
            "SELECT count(*) FROM campaigns WHERE campaign_id = $1 AND hopper_level = 0 AND calling_window->2 = '[480,1260]' AND recycle_minutes = '{}'",
            campaignId));
    }

    [Fact]
    public async Task A_status_change_on_the_campaigns_page_reaches_the_dialing_page()
    {
        var op = await site.CreateOperatorAsync();
        var campaignId = op.Account.CampaignId;
        var page = await site.LogInAsync(op);
        await page.GotoAsync($"/campaigns/{campaignId}/dialing"); // the campaign's grain is active and has its copy
        await Expect(page.Locator("#campaign-status")).ToHaveTextAsync("active");

        await page.GotoAsync("/campaigns");
        var row = page.Locator($"#campaigns tr[data-campaign-id='{campaignId}']");
        await row.Locator("summary").ClickAsync();
        await row.Locator("select[name=status]").SelectOptionAsync("inactive");
        await row.Locator("button:has-text('Save')").ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("inactive");

        await page.GotoAsync($"/campaigns/{campaignId}/dialing");
        await Expect(page.Locator("#campaign-status")).ToHaveTextAsync("inactive");
        Assert.False((await site.Leadline.Cluster.Client.GetGrain<ICampaignGrain>(campaignId).GetDialSettingsAsync())!.Active);
    }

    [Fact]
    public async Task Another_accounts_or_an_unknown_campaign_is_not_found()
    {
        var op = await site.CreateOperatorAsync();
        var theirs = await site.Leadline.CreateAccountAsync();
        var page = await site.LogInAsync(op);

        foreach (var campaignId in new[] { theirs.CampaignId, 999_999_999 })
        {
            Assert.Equal(404, (await page.GotoAsync($"/campaigns/{campaignId}/dialing"))!.Status);
            await Expect(page.Locator("#not-found")).ToHaveTextAsync("No such campaign in your account.");
            await Expect(page.Locator("#dialing")).ToHaveCountAsync(0);
        }
        Assert.Equal(0, (await site.Leadline.Cluster.Client.GetGrain<ICampaignGrain>(theirs.CampaignId).GetDialSettingsAsync())!.HopperLevel);
    }

    private static async Task ExpectShownAsync(IPage page, Dictionary<string, string> fields)
    {
        foreach (var (name, value) in fields)
            await Expect(page.Locator($"#dialing input[name={name}]")).ToHaveValueAsync(value);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
