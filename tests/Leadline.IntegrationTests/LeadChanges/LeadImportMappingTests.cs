using System.Net;
using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;
using static Leadline.IntegrationTests.LeadChanges.LeadImportClient;

namespace Leadline.IntegrationTests.LeadChanges;

/// <summary>/v1/leads/import's column mapping (map_ parameters, names, synonyms, custom fields, saved mappings) over HTTP.</summary>
public sealed class LeadImportMappingTests(LeadlineCluster leadline) : IClassFixture<LeadlineCluster>
{
    private async Task<LeadImportClient> NewAccountAsync() => new(await leadline.CreateAccountAsync());

    private static JsonElement Data(ApiAnswer answer)
    {
        Assert.True(answer.Success, answer.Json.ToString());
        return answer.Json.GetProperty("data");
    }

    [Fact]
    public async Task A_vendor_file_is_imported_with_every_value_in_its_column_and_the_answer_lists_the_mapping()
    {
        var api = await NewAccountAsync();
        var (ann, bob) = (TestPhones.Next(), TestPhones.Next());
        var (annCell, bobCell) = (TestPhones.Next(), TestPhones.Next());
        var csv = "Phone,First Name,Last Name,Zip,Email Address,Cell\n" +
                  $"{ann.Raw},Ann,Lee,33701,ann@example.com,{annCell.Raw}\n" +
                  $"{bob.E164},Bob,Ray,10001-2345,bob@example.com,\n";

        var answer = await api.ImportAsync(csv);

        var data = Data(answer);
        Assert.Equal((2, 2, 0), (data.GetProperty("rows").GetInt32(), data.GetProperty("inserted").GetInt32(), data.GetProperty("invalid_count").GetInt32()));
        Assert.Equal(
            [("Phone", "phone_number"), ("First Name", "first_name"), ("Last Name", "last_name"), ("Zip", "postal_code"),
             ("Email Address", "email"), ("Cell", "alt_phone_1")],
            Mapping(data));
        Assert.Empty(data.GetProperty("ignored_columns").EnumerateArray());
        Assert.False(answer.Json.TryGetProperty("ignored", out _));
        var leads = await api.LeadsAsync();
        Assert.Equal(2, leads.Count);
        Assert.Equal(new ImportedLead(ann.E164, "Ann", "Lee", "33701", "ann@example.com", annCell.E164, null, null, "{}"), leads[ann.E164]);
        Assert.Equal(new ImportedLead(bob.E164, "Bob", "Ray", "10001-2345", "bob@example.com", null, null, null, "{}"), leads[bob.E164]);
    }

    [Fact]
    public async Task Columns_unmapped_are_listed_and_custom_fields_are_filled_by_name()
    {
        var api = await NewAccountAsync();
        await leadline.Accounts.CreateCustomFieldAsync(api.Account.AccountId, "lead_source", 20);
        var phone = TestPhones.Next();
        var csv = $"Telephone,Lead Source,Notes 2,Comments,list_id\n{phone.E164},web,x,call after 5,999\n";

        var data = Data(await api.ImportAsync(csv));

        Assert.Equal([("Telephone", "phone_number"), ("Lead Source", "lead_source"), ("Notes 2", null), ("Comments", "notes"), ("list_id", null)],
            Mapping(data));
        Assert.Equal(["Notes 2", "list_id"], data.GetProperty("ignored_columns").EnumerateArray().Select(e => e.GetString()));
        var lead = (await api.LeadsAsync())[phone.E164];
        Assert.Equal("call after 5", lead.Notes);
        Assert.Equal("web", JsonDocument.Parse(lead.CustomFields).RootElement.GetProperty("lead_source").GetString());
        Assert.Equal(1, await leadline.Database.ScalarAsync(
            "SELECT count(*) FROM leads WHERE account_id = $1 AND list_id = $2", api.Account.AccountId, api.Account.ListId));
    }

    [Fact]
    public async Task An_explicit_map_overrides_a_synonym_and_is_not_listed_as_ignored()
    {
        var api = await NewAccountAsync();
        var (home, cell) = (TestPhones.Next(), TestPhones.Next());
        var csv = $"Phone,Cell,Email Address,Extra\n{home.E164},{cell.E164},a@example.com,zz\n";

        var answer = await api.ImportAsync(csv,
            ("map_cell ", "phone_number"), ("map_Phone", "alt_phone_2"), ("map_Email Address", ""), ("favourite_colour", "blue"));

        var data = Data(answer);
        Assert.Equal([("Phone", "alt_phone_2"), ("Cell", "phone_number"), ("Email Address", null), ("Extra", null)], Mapping(data));
        Assert.Equal(["favourite_colour"], answer.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()));
        var lead = Assert.Single(await api.LeadsAsync()).Value;
        Assert.Equal((cell.E164, home.E164, null, null), (lead.Phone, lead.AltPhone2, lead.AltPhone1, lead.Email));
    }

    [Fact]
    public async Task Map_parameters_work_in_the_query_string_of_a_text_csv_upload()
    {
        var api = await NewAccountAsync();
        var phone = TestPhones.Next();
        var query = $"auth_token={api.Account.Token.Secret}&list_id={api.Account.ListId}&map_Home%20Tel=phone_number&map_Notes%202=&MAP_Zip=email";
        var csv = $"Home Tel,Notes 2,Zip\n{phone.E164},n,33701\n";

        using var response = await leadline.Http.PostAsync("/v1/leads/import?" + query, new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));
        var answer = new ApiAnswer(response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());

        var data = Data(answer);
        Assert.Equal([("Home Tel", "phone_number"), ("Notes 2", null), ("Zip", "postal_code")], Mapping(data));
        Assert.Equal(["MAP_Zip"], answer.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString())); // the prefix is lower case
        Assert.Equal("33701", (await api.LeadsAsync())[phone.E164].PostalCode);
    }

    [Fact]
    public async Task A_saved_mapping_is_used_by_name_and_explicit_maps_override_it()
    {
        var api = await NewAccountAsync();
        var saved = await api.SaveMappingAsync("Acme daily",
            ("map_Tel", "phone_number"), ("map_Given", "first_name"), ("map_Family", "last_name"), ("map_Memo", ""));
        Assert.True(saved.Success, saved.Json.ToString());
        var (first, second) = (TestPhones.Next(), TestPhones.Next());
        var csv = $"Tel,Given,Family,Memo\n{first.E164},Ann,Lee,m1\n";

        var plain = Data(await api.ImportAsync(csv, ("mapping", "Acme daily")));
        var overridden = Data(await api.ImportAsync(csv.Replace(first.E164, second.E164), ("mapping", "Acme daily"),
            ("map_Family", ""), ("map_Memo", "notes")));

        Assert.Equal([("Tel", "phone_number"), ("Given", "first_name"), ("Family", "last_name"), ("Memo", null)], Mapping(plain));
        Assert.Equal([("Tel", "phone_number"), ("Given", "first_name"), ("Family", null), ("Memo", "notes")], Mapping(overridden));
        var leads = await api.LeadsAsync();
        Assert.Equal(("Ann", "Lee", null), (leads[first.E164].FirstName, leads[first.E164].LastName, leads[first.E164].Notes));
        Assert.Equal(("Ann", null, "m1"), (leads[second.E164].FirstName, leads[second.E164].LastName, leads[second.E164].Notes));
    }

    [Fact]
    public async Task Another_accounts_saved_mapping_is_refused_like_an_unknown_one_and_nothing_is_read()
    {
        var mine = await NewAccountAsync();
        var theirs = await NewAccountAsync();
        Assert.True((await theirs.SaveMappingAsync("Vendor X", ("map_Tel", "phone_number"))).Success);
        var csv = $"Tel\n{TestPhones.Next().E164}\n";

        var theirsByMe = await mine.ImportAsync(csv, ("mapping", "Vendor X"));
        var unknown = await mine.ImportAsync(csv, ("mapping", "Vendor Y"));

        Assert.Equal((HttpStatusCode.OK, false, 6204, "No such import mapping: Vendor X"), (theirsByMe.Status, theirsByMe.Success, theirsByMe.Code, theirsByMe.Text));
        Assert.Equal((HttpStatusCode.OK, false, 6204, "No such import mapping: Vendor Y"), (unknown.Status, unknown.Success, unknown.Code, unknown.Text));
        Assert.False(theirsByMe.Json.TryGetProperty("data", out _));
        Assert.Equal(0, await mine.Account.CountAllLeadsAsync());
        Assert.True(Data(await theirs.ImportAsync(csv, ("mapping", "Vendor X"))).GetProperty("inserted").GetInt32() == 1);
    }

    [Fact]
    public async Task Wrong_mappings_are_refused_before_any_row_is_written()
    {
        var api = await NewAccountAsync();
        var csv = $"Line,Given\n{TestPhones.Next().E164},Ann\n";

        var cases = new (int Code, string Contains, (string, string)[] Parameters)[]
        {
            (6050, "map_Given", [("map_Given", "shoe_size")]),
            (6050, "map_Given", [("map_Given", "list_id")]),
            (6050, "map_Nowhere", [("map_Nowhere", "first_name"), ("map_Line", "phone_number")]),
            (6050, "map_Line", [("map_Given", "phone_number"), ("map_Line", "phone_number")]),
            (4000, "map_Line=phone_number", []),
            (4000, "columns seen: Line, Given", [("map_Given", "first_name")]),
        };
        foreach (var (code, contains, parameters) in cases)
        {
            var answer = await api.ImportAsync(csv, parameters);
            Assert.Equal((HttpStatusCode.OK, false, code), (answer.Status, answer.Success, answer.Code));
            Assert.Contains(contains, answer.Text);
        }
        Assert.Equal(0, await api.Account.CountAllLeadsAsync());
    }

    [Fact]
    public async Task Save_creates_then_replaces_and_search_and_delete_answer_the_accounts_mappings()
    {
        var api = await NewAccountAsync();

        var created = await api.SaveMappingAsync("Acme", ("map_Tel", "phone_number"), ("map_Notes 2", ""), ("map_ Given ", "First Name"), ("bogus", "1"));
        var createdData = Data(created);
        Assert.Equal("Acme", createdData.GetProperty("name").GetString());
        Assert.Equal([("Given", "first_name"), ("Notes 2", null), ("Tel", "phone_number")], Mapping(createdData));
        Assert.Equal(createdData.GetProperty("created_at").GetString(), createdData.GetProperty("modified_at").GetString());
        Assert.Equal(["bogus"], created.Json.GetProperty("ignored").EnumerateArray().Select(e => e.GetString())); // map_ parameters are not "ignored"

        var replaced = Data(await api.SaveMappingAsync("Acme", ("map_Phone", "phone_number")));
        Assert.Equal([("Phone", "phone_number")], Mapping(replaced));
        Assert.Equal(createdData.GetProperty("created_at").GetString(), replaced.GetProperty("created_at").GetString());
        Assert.True(string.CompareOrdinal(replaced.GetProperty("modified_at").GetString(), createdData.GetProperty("modified_at").GetString()) > 0);
        Assert.True((await api.Account.PostFormAsync("/v1/import-mappings/create", [("name", "Zeta"), ("map_Cell", "alt_phone_1")])).Success); // alias

        var all = Data(await api.MappingsAsync());
        Assert.Equal("2", all.GetProperty("total").GetString());
        Assert.Equal(["Acme", "Zeta"], all.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        var filtered = Data(await api.MappingsAsync(("name", "ZET"), ("limit", "1")));
        var zeta = Assert.Single(filtered.GetProperty("entries").EnumerateArray());
        Assert.Equal([("Cell", "alt_phone_1")], Mapping(zeta));

        var deleted = Data(await api.DeleteMappingAsync("Acme"));
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.Equal([("Phone", "phone_number")], Mapping(deleted));
        var again = await api.DeleteMappingAsync("Acme");
        Assert.Equal((HttpStatusCode.OK, 6204), (again.Status, again.Code));
        Assert.Equal("1", Data(await api.MappingsAsync()).GetProperty("total").GetString());
    }

    [Fact]
    public async Task Another_accounts_mappings_are_neither_found_nor_deleted()
    {
        var mine = await NewAccountAsync();
        var theirs = await NewAccountAsync();
        Assert.True((await theirs.SaveMappingAsync("Shared name", ("map_Tel", "phone_number"))).Success);

        var search = Data(await mine.MappingsAsync(("name", "Shared")));
        var delete = await mine.DeleteMappingAsync("Shared name");
        var deleteUnknown = await mine.DeleteMappingAsync("Never saved");

        Assert.Equal("0", search.GetProperty("total").GetString());
        Assert.Equal((6204, "No such import mapping: Shared name"), (delete.Code, delete.Text));
        Assert.Equal((6204, "No such import mapping: Never saved"), (deleteUnknown.Code, deleteUnknown.Text));
        Assert.Equal("1", Data(await theirs.MappingsAsync()).GetProperty("total").GetString());

        // The same name in two accounts is two mappings.
        Assert.True((await mine.SaveMappingAsync("Shared name", ("map_Phone", "phone_number"))).Success);
        Assert.Equal([("Tel", "phone_number")], Mapping(Data(await theirs.MappingsAsync()).GetProperty("entries")[0]));
    }

    [Fact]
    public async Task A_wrong_saved_mapping_is_6050_and_nothing_is_saved()
    {
        var api = await NewAccountAsync();

        var cases = new (string Contains, (string, string)[] Fields)[]
        {
            ("name is required", [("map_Tel", "phone_number")]),
            ("name", [("name", new string('n', 101)), ("map_Tel", "phone_number")]),
            ("map_<column>", [("name", "x")]),
            ("map_Tel", [("name", "x"), ("map_Tel", "shoe_size")]),
            ("map_Tel", [("name", "x"), ("map_Tel", "check_dup")]),
            ("map_B", [("name", "x"), ("map_A", "email"), ("map_B", "email")]),
        };
        foreach (var (contains, fields) in cases)
        {
            var answer = await api.Account.PostFormAsync("/v1/import-mappings/save", fields);
            Assert.Equal((HttpStatusCode.OK, false, 6050), (answer.Status, answer.Success, answer.Code));
            Assert.Contains(contains, answer.Text);
        }
        Assert.Equal("0", Data(await api.MappingsAsync()).GetProperty("total").GetString());
    }

    [Fact]
    public async Task The_mapping_endpoints_need_the_leads_scope()
    {
        var api = await NewAccountAsync();
        var hopperOnly = await leadline.Accounts.CreateTokenAsync(api.Account.AccountId, "dialer", [Leadline.ApiHost.Auth.ApiScopes.Hopper]);

        foreach (var path in new[] { "/v1/import-mappings/save", "/v1/import-mappings/search", "/v1/import-mappings/delete" })
        {
            var answer = await api.Account.PostFormAsync(path, [("auth_token", hopperOnly.Secret), ("name", "x"), ("map_Tel", "phone_number")]);
            Assert.Equal((HttpStatusCode.OK, 5002), (answer.Status, answer.Code));
        }
        Assert.Equal(0, await leadline.Database.ScalarAsync("SELECT count(*) FROM import_mappings WHERE account_id = $1", api.Account.AccountId));
    }
}
