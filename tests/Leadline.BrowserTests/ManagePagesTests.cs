using System.Text;
using Leadline.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leadline.BrowserTests;

/// <summary>
/// Campaigns, Lists, DNC and a lead's edit/delete as an operator changes them: each change is visible on
/// the page afterwards, stored, and has its effect on the insert API (the shards and hoppers were told).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ManagePagesTests(DashboardSite site)
{
    [Fact]
    public async Task Archiving_a_list_shows_it_archived_sets_the_flag_and_a_check_dup_2_insert_into_it_then_passes()
    {
        var op = await site.CreateOperatorAsync();
        var account = op.Account;
        await account.InsertAsync(("phone_number", "727-555-0150"), ("hopper", "1"));
        Assert.Equal(6009, (await account.InsertAsync(("phone_number", "727-555-0150"), ("check_dup", "2"))).Code);
        var page = await site.LogInAsync(op);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.GotoAsync("/lists");
        var row = page.Locator($"#lists tr[data-list-id='{account.ListId}']");
        await row.Locator("button:has-text('Archive')").ClickAsync();
        await Expect(page.Locator("#notice")).ToHaveTextAsync($"List {account.ListId} archived; 1 lead(s) left the hoppers.");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("archived");
        await DashboardSite.ScreenshotAsync(page, "lists-archived");

        Assert.Equal(1, await site.Leadline.Database.ScalarAsync(
            "SELECT count(*) FROM lists WHERE list_id = $1 AND account_id = $2 AND archived", account.ListId, account.AccountId));
        Assert.Equal(0, await site.Leadline.Database.ScalarAsync("SELECT count(*) FROM hopper_entries WHERE campaign_id = $1", account.CampaignId));
        var again = await account.InsertAsync(("phone_number", "727-555-0150"), ("check_dup", "2"));
        Assert.True(again.Success, again.Json.ToString());

        await row.Locator("button:has-text('Unarchive')").ClickAsync();
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("active");
        Assert.Equal(0, await site.Leadline.Database.ScalarAsync("SELECT count(*) FROM lists WHERE list_id = $1 AND archived", account.ListId));
    }

    [Fact]
    public async Task A_campaign_and_a_list_created_on_the_pages_and_the_list_assigned_to_the_campaign_are_shown_and_stored()
    {
        var op = await site.CreateOperatorAsync();
        var account = op.Account;
        var page = await site.LogInAsync(op);

        await page.GotoAsync("/campaigns");
        await page.FillAsync("#create-campaign input[name=name]", "Solar leads");
        await page.ClickAsync("#create-campaign button[type=submit]");
        await Expect(page.Locator("#notice")).ToContainTextAsync("“Solar leads” created");
        var campaignId = await site.Leadline.Database.ScalarAsync(
            "SELECT campaign_id FROM campaigns WHERE account_id = $1 AND name = 'Solar leads' AND status = 'active'", account.AccountId);
        await Expect(page.Locator($"#campaigns tr[data-campaign-id='{campaignId}']")).ToContainTextAsync("Solar leads");
        await DashboardSite.ScreenshotAsync(page, "campaigns");

        await page.GotoAsync("/lists");
        await page.FillAsync("#create-list input[name=name]", "March vendor file");
        await page.SelectOptionAsync("#create-list select[name=campaignId]", account.CampaignId.ToString());
        await page.ClickAsync("#create-list button[type=submit]");
        await Expect(page.Locator("#notice")).ToContainTextAsync("“March vendor file” created");
        var listId = await site.Leadline.Database.ScalarAsync(
            "SELECT list_id FROM lists WHERE account_id = $1 AND name = 'March vendor file' AND campaign_id = $2", account.AccountId, account.CampaignId);
        var insert = await account.InsertAsync(("phone_number", "727-555-0151"), ("list_id", listId.ToString()), ("hopper", "1"));
        Assert.True(insert.Success, insert.Json.ToString());

        await page.GotoAsync("/lists");
        var row = page.Locator($"#lists tr[data-list-id='{listId}']");
        await row.Locator("summary").ClickAsync();
        await row.Locator("select[name=campaignId]").SelectOptionAsync(campaignId.ToString());
        await row.Locator("button:has-text('Save')").ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync($"in campaign {campaignId}; 1 lead(s) left other campaigns' hoppers.");
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync($"Solar leads ({campaignId})");
        await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("1");
        await DashboardSite.ScreenshotAsync(page, "lists");

        Assert.Equal(1, await site.Leadline.Database.ScalarAsync(
            "SELECT count(*) FROM leads WHERE list_id = $1 AND campaign_id = $2", listId, campaignId));
        await page.GotoAsync("/campaigns");
        var campaign = page.Locator($"#campaigns tr[data-campaign-id='{campaignId}']");
        await Expect(campaign.Locator("td").Nth(3)).ToHaveTextAsync("1");
        await Expect(campaign.Locator("td").Nth(4)).ToHaveTextAsync("1");

        await campaign.Locator("summary").ClickAsync();
        await campaign.Locator("input[name=name]").FillAsync("Solar leads West");
        await campaign.Locator("select[name=status]").SelectOptionAsync("inactive");
        await campaign.Locator("button:has-text('Save')").ClickAsync();
        await Expect(page.Locator($"#campaigns tr[data-campaign-id='{campaignId}'] td").Nth(1)).ToHaveTextAsync("Solar leads West");
        Assert.Equal(1, await site.Leadline.Database.ScalarAsync(
            "SELECT count(*) FROM campaigns WHERE campaign_id = $1 AND name = 'Solar leads West' AND status = 'inactive'", campaignId));
    }

    [Fact]
    public async Task A_DNC_number_added_on_the_page_is_found_by_search_refuses_a_check_dnc_insert_and_deleting_it_lets_the_insert_pass()
    {
        var op = await site.CreateOperatorAsync();
        var account = op.Account;
        var lead = (await account.InsertAsync(("phone_number", "727-555-0152"), ("status", "NEW"))).LeadId;
        var page = await site.LogInAsync(op);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.GotoAsync("/dnc");
        await page.FillAsync("#dnc-add input[name=phone_number]", "(727) 555-0152");
        await page.FillAsync("#dnc-add input[name=reason]", "asked on the phone");
        await page.ClickAsync("#dnc-add button[type=submit]");
        await Expect(page.Locator("#notice")).ToContainTextAsync("+17275550152 added to the DNC list of the whole account");

        await page.FillAsync("#dnc-search input[name=phone_number]", "727.555.0152");
        await page.ClickAsync("#dnc-search button[type=submit]");
        await Expect(page.Locator("#dnc-total")).ToHaveTextAsync("1 entry, 1–1 shown");
        await Expect(page.Locator("#dnc tbody tr")).ToContainTextAsync("asked on the phone");
        await DashboardSite.ScreenshotAsync(page, "dnc");

        var refused = await account.InsertAsync(("phone_number", "727-555-0152"), ("check_dnc", "1"));
        Assert.Equal(6010, refused.Code);

        // A second add of the same number is refused with the API's code and changes nothing.
        await page.FillAsync("#dnc-add input[name=phone_number]", "727-555-0152");
        await page.ClickAsync("#dnc-add button[type=submit]");
        await Expect(page.Locator("#error")).ToContainTextAsync("code 6008");
        Assert.Equal(1, await site.Leadline.Database.ScalarAsync("SELECT count(*) FROM dnc WHERE account_id = $1", account.AccountId));

        var row = page.Locator("#dnc tbody tr", new PageLocatorOptions { HasText = "+17275550152" });
        await row.Locator("input[name=lead_status]").FillAsync("DNCREMOVED");
        await row.Locator("button:has-text('Delete')").ClickAsync();
        await Expect(page.Locator("#notice")).ToContainTextAsync("deleted; 1 lead(s) set to DNCREMOVED.");
        Assert.Equal(0, await site.Leadline.Database.ScalarAsync("SELECT count(*) FROM dnc WHERE account_id = $1", account.AccountId));
        Assert.Equal(1, await site.Leadline.Database.ScalarAsync("SELECT count(*) FROM leads WHERE lead_id = $1 AND status = 'DNCREMOVED'", lead));
        var passes = await account.InsertAsync(("phone_number", "727-555-0152"), ("check_dnc", "1"));
        Assert.True(passes.Success, passes.Json.ToString());
    }

    [Fact]
    public async Task A_DNC_CSV_upload_shows_its_progress_and_the_importers_summary_and_the_numbers_are_refused_afterwards()
    {
        var op = await site.CreateOperatorAsync();
        var account = op.Account;
        var page = await site.LogInAsync(op);
        await page.GotoAsync("/dnc");
        var csv = $"phone_number,campaign_id,reason\n727-555-0153,,vendor list\n(727) 555-0154,{account.CampaignId},vendor list\nnot a phone,,x\n727-555-0153,,repeat\n";
        await page.SetInputFilesAsync("#dnc-upload input[type=file]",
            new FilePayload { Name = "dnc.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("#dnc-upload button[type=submit]");

        await Expect(page.Locator("#upload-state")).ToHaveTextAsync("done");
        var summary = page.Locator("#upload-summary");
        await Expect(summary.Locator("tr", new LocatorLocatorOptions { HasText = "rows" })).ToContainTextAsync("4");
        await Expect(summary.Locator("tr", new LocatorLocatorOptions { HasText = "inserted" })).ToContainTextAsync("2");
        await Expect(summary.Locator("tr", new LocatorLocatorOptions { HasText = "already in the list" })).ToContainTextAsync("1");
        await Expect(summary.Locator("tr", new LocatorLocatorOptions { HasText = "invalid" })).ToContainTextAsync("1");
        await Expect(page.Locator("#upload-invalid")).ToContainTextAsync("row 4:");
        await Expect(page.Locator("#upload-progress")).ToBeVisibleAsync();
        await DashboardSite.ScreenshotAsync(page, "dnc-upload");

        Assert.Equal(2, await site.Leadline.Database.ScalarAsync("SELECT count(*) FROM dnc WHERE account_id = $1", account.AccountId));
        Assert.Equal(6010, (await account.InsertAsync(("phone_number", "727-555-0153"), ("check_dnc", "1"))).Code);
        Assert.Equal(6010, (await account.InsertAsync(("phone_number", "727-555-0154"), ("check_dnc", "1"))).Code);
    }

    [Fact]
    public async Task Editing_a_leads_status_and_custom_field_on_its_page_records_the_operator_and_deleting_it_frees_the_number_for_check_dup()
    {
        var op = await site.CreateOperatorAsync();
        var account = op.Account;
        await site.Leadline.Accounts.CreateCustomFieldAsync(account.AccountId, "policy_no", 12);
        var lead = (await account.InsertAsync(("phone_number", "727-555-0155"), ("first_name", "Ann"), ("status", "NEW"), ("policy_no", "P-1"))).LeadId;
        var page = await site.LogInAsync(op);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await page.GotoAsync($"/leads/{lead}");
        await page.FillAsync("#edit-lead input[name=status]", "CALLBACK");
        await page.FillAsync("#edit-lead input[name=city]", "Tampa");
        Assert.Equal("P-1", await page.InputValueAsync("#edit-lead input[name=policy_no]"));
        await page.FillAsync("#edit-lead input[name=policy_no]", "P-2");
        await page.ClickAsync("#edit-lead button[type=submit]");
        await Expect(page.Locator("#notice")).ToHaveTextAsync($"Lead {lead} updated: city, policy_no, status.");
        await Expect(page.Locator("#lead-fields tr", new PageLocatorOptions { HasText = "modified_by" })).ToContainTextAsync("Test Operator");
        await Expect(page.Locator("#lead-history")).ToContainTextAsync("updated");
        await DashboardSite.ScreenshotAsync(page, "lead-detail");
        Assert.Equal(1, await site.Leadline.Database.ScalarAsync(
            """
            SELECT count(*) FROM leads l JOIN users u ON u.user_id = l.modified_by
            WHERE l.lead_id = $1 AND l.status = 'CALLBACK' AND l.city = 'Tampa' AND l.first_name = 'Ann' AND u.kind = 'operator'
              AND l.custom_fields ->> 'policy_no' = 'P-2'
            """, lead));

        await page.ClickAsync("#delete-lead button");
        await Expect(page.Locator("#notice")).ToHaveTextAsync($"Lead {lead} deleted.");
        await Expect(page.Locator("h2 .pill")).ToHaveTextAsync("deleted");
        var again = await account.InsertAsync(("phone_number", "727-555-0155"), ("check_dup", "1"));
        Assert.True(again.Success, again.Json.ToString());
        Assert.Equal(1, await site.Leadline.Database.ScalarAsync("SELECT count(*) FROM leads WHERE lead_id = $1 AND deleted_at IS NOT NULL", lead));
    }

    [Fact]
    public async Task Manage_Leads_filters_by_list_status_phone_in_any_format_name_and_custom_field_and_pages_the_results()
    {
        var op = await site.CreateOperatorAsync();
        var account = op.Account;
        var otherList = await account.AddListAsync(account.CampaignId, "List A2");
        await site.Leadline.Accounts.CreateCustomFieldAsync(account.AccountId, "policy_no", 12);
        await account.InsertAsync(("phone_number", "727-555-0156"), ("first_name", "Grace"), ("status", "SALE"), ("policy_no", "G-7"));
        await account.InsertAsync(("phone_number", "727-555-0157"), ("first_name", "Linus"), ("list_id", otherList.ToString()));
        for (var i = 0; i < 3; i++)
            await account.InsertAsync(("phone_number", $"727-555-016{i}"));
        var page = await site.LogInAsync(op);

        await page.GotoAsync("/leads?phone_number=%2B1%20727%20555%200156");
        await Expect(page.Locator("#leads tbody tr")).ToContainTextAsync("Grace");
        await Expect(page.Locator("#search-total")).ToHaveTextAsync("1 lead(s), 1–1 shown");
        await page.GotoAsync("/leads?status=SALE");
        await Expect(page.Locator("#leads tbody tr")).ToContainTextAsync("Grace");
        await page.FillAsync("#lead-search input[name=policy_no]", "G-7");
        await page.FillAsync("#lead-search input[name=status]", "");
        await page.ClickAsync("#lead-search button[type=submit]");
        await Expect(page.Locator("#search-total")).ToHaveTextAsync("1 lead(s), 1–1 shown");
        await Expect(page.Locator("#leads tbody tr")).ToContainTextAsync("Grace");
        await page.GotoAsync($"/leads?list_id={otherList}&first_name=linus");
        await Expect(page.Locator("#leads tbody tr")).ToContainTextAsync("Linus");
        await Expect(page.Locator("#search-total")).ToHaveTextAsync("1 lead(s), 1–1 shown");

        await page.GotoAsync("/leads?limit=2");
        await Expect(page.Locator("#search-total")).ToHaveTextAsync("5 lead(s), 1–2 shown");
        await page.ClickAsync("#next-page");
        await Expect(page.Locator("#search-total")).ToHaveTextAsync("5 lead(s), 3–4 shown");
        await DashboardSite.ScreenshotAsync(page, "leads");

        await page.GotoAsync("/leads?created_at_start_date=yesterday");
        await Expect(page.Locator("#search-error")).ToContainTextAsync("created_at_start_date");
    }

    [Fact]
    public async Task Another_accounts_list_DNC_entry_and_lead_posted_from_the_pages_are_answered_as_unknown_and_stay_unchanged()
    {
        var op = await site.CreateOperatorAsync();
        var other = (await site.CreateOperatorAsync()).Account;
        var otherDnc = await new Leadline.IntegrationTests.Dnc.DncClient(other).InsertAsync(Leadline.IntegrationTests.Infrastructure.TestPhones.Next());
        var otherLead = (await other.InsertAsync(("phone_number", "727-555-0158"), ("status", "NEW"))).LeadId;
        await op.Account.InsertAsync(("phone_number", "727-555-0159"));
        await new Leadline.IntegrationTests.Dnc.DncClient(op.Account).InsertAsync(Leadline.IntegrationTests.Infrastructure.TestPhones.Next());
        var page = await site.LogInAsync(op);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        // The operator's own forms, pointed at the other account's ids, as a crafted POST would be.
        await page.GotoAsync("/lists");
        await page.EvalOnSelectorAsync($"#lists tr[data-list-id='{op.Account.ListId}'] form.inline",
            $"f => f.action = f.action.replace(/listId=\\d+/, 'listId={other.ListId}')");
        await page.ClickAsync($"#lists tr[data-list-id='{op.Account.ListId}'] button:has-text('Archive')");
        await Expect(page.Locator("#error")).ToHaveTextAsync("No such List");

        await page.GotoAsync("/dnc");
        await page.EvalOnSelectorAsync("#dnc tbody form input[name=id]", $"i => i.value = '{otherDnc}'");
        await page.ClickAsync("#dnc tbody button:has-text('Delete')");
        await Expect(page.Locator("#error")).ToContainTextAsync("Missing or invalid value for ID"); // 6056, as for an unknown id

        await page.GotoAsync($"/leads/{otherLead}");
        Assert.Equal("No such lead in your account.", await page.InnerTextAsync("#not-found"));
        var own = await site.Leadline.Database.ScalarAsync("SELECT max(lead_id) FROM leads WHERE account_id = $1", op.Account.AccountId);
        await page.GotoAsync($"/leads/{own}");
        await page.EvalOnSelectorAsync("#edit-lead", $"f => f.action = f.action.replace('/leads/{own}', '/leads/{otherLead}')");
        await page.FillAsync("#edit-lead input[name=status]", "STOLEN");
        await page.ClickAsync("#edit-lead button[type=submit]");
        await Expect(page.Locator("#not-found")).ToBeVisibleAsync();

        Assert.Equal(0, await site.Leadline.Database.ScalarAsync("SELECT count(*) FROM lists WHERE list_id = $1 AND archived", other.ListId));
        Assert.Equal(1, await site.Leadline.Database.ScalarAsync("SELECT count(*) FROM dnc WHERE dnc_id = $1", otherDnc));
        Assert.Equal(1, await site.Leadline.Database.ScalarAsync("SELECT count(*) FROM leads WHERE lead_id = $1 AND status = 'NEW'", otherLead));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
