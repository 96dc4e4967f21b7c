using System.Net;
using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.Admin;

/// <summary>
/// Convoso's Lists Insert / Update / Delete / Search over real HTTP, from the examples of Convoso's help-center
/// articles: the request as the article writes it, the answer checked field by field (ids integers, status
/// "Y"/"N", data an object or an array), the filters, the flags as typed clients send them, Leadline's aliases.
/// </summary>
public sealed class ListContractTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    private async Task<AdminClient> NewAdminAsync() => new(await leadline.CreateAccountAsync());

    // POST https://api.convoso.com/v1/lists/insert?auth_token=TOKEN&name=MyListName&campaign_id=2999&description=List Description&status=1
    // {"success": true, "data": {"list_id": 2807}, "id": 2807}
    [Fact]
    public async Task Lists_insert_answers_Convosos_example_with_an_integer_list_id_in_data_and_again_at_the_top()
    {
        var admin = await NewAdminAsync();

        var answer = await admin.PostQueryAsync("/v1/lists/insert",
            ("name", "MyListName"), ("campaign_id", admin.Account.CampaignId.ToString()), ("description", "List Description"), ("status", "1"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(["success", "data", "id"], AdminClient.Keys(answer.Json));
        Assert.Equal(JsonValueKind.True, answer.Json.GetProperty("success").ValueKind);
        var data = answer.Json.GetProperty("data");
        Assert.Equal(JsonValueKind.Object, data.ValueKind);
        Assert.Equal(JsonValueKind.Number, data.GetProperty("list_id").ValueKind);
        Assert.Equal(JsonValueKind.Number, answer.Json.GetProperty("id").ValueKind);
        var listId = data.GetProperty("list_id").GetInt64();
        Assert.Equal(listId, answer.Json.GetProperty("id").GetInt64());
        // Leadline's additions inside data
        Assert.Equal("MyListName", data.GetProperty("name").GetString());
        Assert.Equal(admin.Account.CampaignId.ToString(), data.GetProperty("campaign_id").GetString());
        Assert.Equal("List Description", data.GetProperty("description").GetString());
        Assert.Equal("Y", data.GetProperty("status").GetString());
        Assert.False(data.GetProperty("archived").GetBoolean());

        Assert.Equal(1, await leadline.Database.ScalarAsync(
            """
            SELECT count(*) FROM lists WHERE list_id = $1 AND account_id = $2 AND campaign_id = $3 AND name = 'MyListName'
              AND description = 'List Description' AND active AND NOT archived
            """, listId, admin.Account.AccountId, admin.Account.CampaignId));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("Y", true)]
    [InlineData("yes", true)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("N", false)]
    [InlineData("off", false)]
    public async Task Lists_insert_takes_status_as_any_flag_word(string status, bool active)
    {
        var admin = await NewAdminAsync();

        var data = await admin.OkAsync("/v1/lists/insert", ("name", "Flagged list"), ("campaign_id", admin.Account.CampaignId.ToString()), ("status", status));

        Assert.Equal(active ? "Y" : "N", data.GetProperty("status").GetString());
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM lists WHERE list_id = $1 AND active = $2", data.GetProperty("list_id").GetInt64(), active));
    }

    [Fact]
    public async Task Lists_insert_without_status_makes_an_active_list_and_keeps_a_descriptions_line_breaks()
    {
        var admin = await NewAdminAsync();

        var data = await admin.OkAsync("/v1/lists/insert", ("name", "Plain list"), ("campaign_id", admin.Account.CampaignId.ToString()),
            ("description", "line one\nline two\tend"));

        Assert.Equal("Y", data.GetProperty("status").GetString());
        Assert.Equal("line one\nline two\tend", data.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Lists_create_is_Leadlines_alias_of_insert_with_the_same_answer()
    {
        var admin = await NewAdminAsync();
        var campaign = admin.Account.CampaignId.ToString();

        var insert = await admin.SucceedsAsync("/v1/lists/insert", ("name", "Via insert"), ("campaign_id", campaign));
        var create = await admin.SucceedsAsync("/v1/lists/create", ("name", "Via create"), ("campaign_id", campaign));

        Assert.Equal(AdminClient.Keys(insert.Json), AdminClient.Keys(create.Json));
        Assert.Equal(AdminClient.Keys(insert.Json.GetProperty("data")), AdminClient.Keys(create.Json.GetProperty("data")));
        Assert.Equal(create.Json.GetProperty("id").GetInt64(), create.Json.GetProperty("data").GetProperty("list_id").GetInt64());
        Assert.Equal(3, await admin.CountAsync("lists"));
    }

    [Fact]
    public async Task Lists_insert_refusals_are_Convosos_codes_and_texts_at_HTTP_200()
    {
        var admin = await NewAdminAsync();

        var noName = await admin.RefusedAsync(6003, "/v1/lists/insert", ("campaign_id", admin.Account.CampaignId.ToString()));
        var noCampaign = await admin.RefusedAsync(6004, "/v1/lists/insert", ("name", "MyListName"), ("campaign_id", "999999999"));

        Assert.Equal("The List requires a name", noName.Text);
        Assert.Equal("Unknown Campaign ID", noCampaign.Text);
        Assert.Equal(JsonValueKind.Number, noCampaign.Json.GetProperty("code").ValueKind);
        Assert.False(noCampaign.Json.TryGetProperty("data", out _));
        Assert.Equal(1, await admin.CountAsync("lists"));
    }

    // POST https://api.convoso.com/v1/lists/update?auth_token=TOKEN&list_id=2807&name=MyNewListName&description=NewListDescription&status=1
    // {"success": true, "data": {"list_id": 2807}}
    [Fact]
    public async Task Lists_update_answers_Convosos_example_with_an_integer_list_id_and_no_top_level_id()
    {
        var admin = await NewAdminAsync();
        var list = admin.Account.ListId;

        var answer = await admin.PostQueryAsync("/v1/lists/update",
            ("list_id", list.ToString()), ("name", "MyNewListName"), ("description", "NewListDescription"), ("status", "1"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(["success", "data"], AdminClient.Keys(answer.Json));
        Assert.True(answer.Success);
        var data = answer.Json.GetProperty("data");
        Assert.Equal(JsonValueKind.Object, data.ValueKind);
        Assert.Equal(JsonValueKind.Number, data.GetProperty("list_id").ValueKind);
        Assert.Equal(list, data.GetProperty("list_id").GetInt64());
        Assert.Equal(("MyNewListName", "NewListDescription", "Y"),
            (data.GetProperty("name").GetString(), data.GetProperty("description").GetString(), data.GetProperty("status").GetString()));
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM lists WHERE list_id = $1 AND name = 'MyNewListName' AND description = 'NewListDescription' AND active", list));
    }

    [Theory]
    [InlineData("false", "true")]
    [InlineData("0", "1")]
    [InlineData("N", "Y")]
    public async Task Lists_update_sets_the_status_with_any_flag_word_and_keeps_the_rest(string off, string on)
    {
        var admin = await NewAdminAsync();
        var list = admin.Account.ListId.ToString();

        var inactive = await admin.OkAsync("/v1/lists/update", ("list_id", list), ("status", off));
        Assert.Equal(("N", "List A1"), (inactive.GetProperty("status").GetString(), inactive.GetProperty("name").GetString()));
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM lists WHERE list_id = $1 AND NOT active AND NOT archived", admin.Account.ListId));

        var active = await admin.OkAsync("/v1/lists/update", ("list_id", list), ("status", on));
        Assert.Equal("Y", active.GetProperty("status").GetString());
    }

    // POST https://api.convoso.com/v1/lists/delete?auth_token=TOKEN&list_id=2807   →   {"success": true}
    [Fact]
    public async Task Lists_delete_answers_success_and_archives_the_list_keeping_its_leads()
    {
        var admin = await NewAdminAsync();
        var lead = (await admin.Account.InsertAsync(("phone_number", TestPhones.Next().Raw))).LeadId;

        var answer = await admin.PostQueryAsync("/v1/lists/delete", ("list_id", admin.Account.ListId.ToString()));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(JsonValueKind.True, answer.Json.GetProperty("success").ValueKind);
        Assert.DoesNotContain("code", AdminClient.Keys(answer.Json));
        var data = answer.Json.GetProperty("data"); // Leadline's addition: the list as it is now
        Assert.Equal(admin.Account.ListId, data.GetProperty("list_id").GetInt64());
        Assert.True(data.GetProperty("archived").GetBoolean());
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM lists WHERE list_id = $1 AND archived", admin.Account.ListId));
        Assert.Equal(1, await leadline.Database.ScalarAsync("SELECT count(*) FROM leads WHERE lead_id = $1 AND deleted_at IS NULL", lead));

        var again = await admin.SucceedsAsync("/v1/lists/delete", ("list_id", admin.Account.ListId.ToString())); // a retry is no failure
        Assert.True(again.Json.GetProperty("data").GetProperty("archived").GetBoolean());
    }

    [Fact]
    public async Task Lists_archive_is_Leadlines_alias_of_delete_with_the_same_answer()
    {
        var admin = await NewAdminAsync();
        var second = await admin.CreateListAsync(admin.Account.CampaignId, "Second");

        var delete = await admin.SucceedsAsync("/v1/lists/delete", ("list_id", admin.Account.ListId.ToString()));
        var archive = await admin.SucceedsAsync("/v1/lists/archive", ("list_id", second.ToString()));

        Assert.Equal(AdminClient.Keys(delete.Json), AdminClient.Keys(archive.Json));
        Assert.Equal(AdminClient.Keys(delete.Json.GetProperty("data")), AdminClient.Keys(archive.Json.GetProperty("data")));
        Assert.Equal(2, await leadline.Database.ScalarAsync("SELECT count(*) FROM lists WHERE account_id = $1 AND archived", admin.Account.AccountId));
    }

    // POST https://api.convoso.com/v1/lists/search?auth_token=TOKEN&id=&campaign_id=&status=1
    // {"success": true, "data": [{"id": 2705, "name": "Your List Name", "status": "Y", "last_called_at": null}]}
    [Fact]
    public async Task Lists_search_answers_Convosos_example_with_data_an_array_of_integer_ids_and_Y_N_statuses()
    {
        var admin = await NewAdminAsync();
        var inactive = await admin.CreateListAsync(admin.Account.CampaignId, "Sleeping");
        await admin.OkAsync("/v1/lists/update", ("list_id", inactive.ToString()), ("status", "0"));

        var answer = await admin.PostQueryAsync("/v1/lists/search", ("id", ""), ("campaign_id", ""), ("status", "1"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(JsonValueKind.True, answer.Json.GetProperty("success").ValueKind);
        var data = answer.Json.GetProperty("data");
        Assert.Equal(JsonValueKind.Array, data.ValueKind);
        var entry = Assert.Single(data.EnumerateArray());
        Assert.Equal(["id", "name", "status", "last_called_at", "campaign_id"], AdminClient.Keys(entry)[..5]);
        Assert.Equal(JsonValueKind.Number, entry.GetProperty("id").ValueKind);
        Assert.Equal(admin.Account.ListId, entry.GetProperty("id").GetInt64());
        Assert.Equal("List A1", entry.GetProperty("name").GetString());
        Assert.Equal("Y", entry.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("last_called_at").ValueKind);
        Assert.Equal(JsonValueKind.String, entry.GetProperty("campaign_id").ValueKind);
        Assert.Equal(admin.Account.CampaignId.ToString(), entry.GetProperty("campaign_id").GetString());
        // Leadline's paging beside data
        Assert.Equal("1", answer.Json.GetProperty("total").GetString());
    }

    [Fact]
    public async Task Lists_search_by_id_answers_only_that_list()
    {
        var admin = await NewAdminAsync();
        var second = await admin.CreateListAsync(admin.Account.CampaignId, "Second");
        await admin.CreateListAsync(admin.Account.CampaignId, "Third");

        var byId = Assert.Single(await admin.EntriesAsync("/v1/lists/search", ("id", second.ToString())));
        var byListId = Assert.Single(await admin.EntriesAsync("/v1/lists/search", ("list_id", second.ToString())));

        Assert.Equal((second, "Second"), (byId.GetProperty("id").GetInt64(), byId.GetProperty("name").GetString()));
        Assert.Equal(second, byListId.GetProperty("id").GetInt64());
        Assert.Empty(await admin.EntriesAsync("/v1/lists/search", ("id", second.ToString()), ("list_id", admin.Account.ListId.ToString())));
        Assert.Empty(await admin.EntriesAsync("/v1/lists/search", ("id", "999999999")));
    }

    [Theory]
    [InlineData("1", "Y")]
    [InlineData("Y", "Y")]
    [InlineData("true", "Y")]
    [InlineData("active", "Y")]
    [InlineData("0", "N")]
    [InlineData("N", "N")]
    [InlineData("false", "N")]
    [InlineData("no", "N")]
    public async Task Lists_search_by_status_answers_only_lists_of_that_status(string status, string shown)
    {
        var admin = await NewAdminAsync();
        var sleeping = await admin.CreateListAsync(admin.Account.CampaignId, "Sleeping");
        await admin.CreateListAsync(admin.Account.CampaignId, "Awake");
        await admin.OkAsync("/v1/lists/update", ("list_id", sleeping.ToString()), ("status", "0"));

        var entries = await admin.EntriesAsync("/v1/lists/search", ("status", status));

        Assert.Equal(shown == "Y" ? 2 : 1, entries.Count);
        Assert.All(entries, e => Assert.Equal(shown, e.GetProperty("status").GetString()));
        if (shown == "N")
            Assert.Equal(sleeping, entries[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Lists_search_without_status_answers_every_list_and_campaign_id_filters()
    {
        var admin = await NewAdminAsync();
        var other = await admin.CreateCampaignAsync("Other campaign");
        var there = await admin.CreateListAsync(other, "There");
        await admin.OkAsync("/v1/lists/update", ("list_id", there.ToString()), ("status", "false"));

        Assert.Equal(["Y", "N"], (await admin.EntriesAsync("/v1/lists/search")).Select(e => e.GetProperty("status").GetString()));
        var inOther = Assert.Single(await admin.EntriesAsync("/v1/lists/search", ("campaign_id", other.ToString())));
        Assert.Equal((there, other.ToString()), (inOther.GetProperty("id").GetInt64(), inOther.GetProperty("campaign_id").GetString()));
    }

    [Fact]
    public async Task Lists_search_answers_GET_with_the_query_string_and_lists_unknown_parameters_as_ignored()
    {
        var admin = await NewAdminAsync();

        var answer = await admin.GetAsync("/v1/lists/search", ("status", "Y"), ("colour", "blue"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(admin.Account.ListId, Assert.Single(answer.Json.GetProperty("data").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(["colour"], answer.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_bad_token_on_a_lists_endpoint_is_Convosos_5001_at_HTTP_200()
    {
        var admin = await NewAdminAsync();

        var answer = await admin.PostQueryAsync("/v1/lists/search", ("auth_token", "ll_not_a_token"), ("status", "1"));

        Assert.Equal((HttpStatusCode.OK, false, 5001, "Auth token is invalid"), (answer.Status, answer.Success, answer.Code, answer.Text));
    }
}
