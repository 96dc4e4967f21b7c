using System.Text.Json;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Dashboard.ApiDocs;
using Leadline.ApiHost.Leads.Insert;
using Leadline.Grains.Leads;

namespace Leadline.UnitTests.Dashboard;

/// <summary>The API page's Insert Lead reference says what the insert code accepts and answers.</summary>
public sealed class InsertLeadDocsTests
{
    [Fact]
    public void Every_option_the_parser_accepts_has_exactly_one_row_and_no_row_names_an_unknown_option()
    {
        var documented = InsertLeadDocs.Options.Select(o => o.Name).ToList();
        Assert.Equal(documented.Count, documented.Distinct().Count());
        Assert.Equal(InsertParameterNames.All.Order(), documented.Order());
    }

    [Fact]
    public void Exactly_auth_token_list_id_and_phone_number_are_marked_required()
    {
        Assert.Equal(
            [InsertParameterNames.AuthToken, InsertParameterNames.ListId, InsertParameterNames.PhoneNumber],
            InsertLeadDocs.Options.Where(o => o.Required).Select(o => o.Name));
    }

    [Fact]
    public void Standard_fields_come_from_the_lead_field_catalog_with_their_lengths()
    {
        var rows = InsertLeadDocs.StandardFields.ToList();
        Assert.Equal(LeadFieldCatalog.Standard.Select(f => f.Name), rows.Select(r => r.Name));
        Assert.Equal("up to 100 characters", rows.Single(r => r.Name == "first_name").Allowed);
        Assert.Equal("YYYY-MM-DD", rows.Single(r => r.Name == "date_of_birth").Allowed);
    }

    [Fact]
    public async Task Example_responses_are_written_by_the_insert_answer_code_with_its_texts_and_statuses()
    {
        var examples = await ExampleResponses.BuildAsync();

        var success = JsonDocument.Parse(examples.Single(e => e.Title == "Success").Json).RootElement;
        Assert.True(success.GetProperty("success").GetBoolean());
        Assert.Equal(success.GetProperty("id").GetString(), success.GetProperty("data").GetProperty("lead_id").GetString());

        var duplicate = examples.Single(e => e.Title.StartsWith("Duplicate", StringComparison.Ordinal));
        var json = JsonDocument.Parse(duplicate.Json).RootElement;
        Assert.Equal(200, duplicate.HttpStatus);
        Assert.Equal(6009, json.GetProperty("code").GetInt32());
        Assert.Equal(ConvosoErrors.Duplicate(1).Text, json.GetProperty("text").GetString());
        Assert.True(json.GetProperty("data").TryGetProperty("lead_id", out _));

        var badToken = examples.Single(e => e.Title == "Bad token");
        Assert.Equal(200, badToken.HttpStatus); // Convoso answers a bad token with HTTP 200 and code 5001
        Assert.Equal(ConvosoErrors.TokenInvalid.Text, JsonDocument.Parse(badToken.Json).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void The_PHP_example_posts_form_fields_with_http_build_query_to_this_hosts_insert_url()
    {
        var php = PhpExample.Build("http://leads.example.com:5080/", 42);
        Assert.StartsWith("<?php", php);
        Assert.Contains("curl_init('http://leads.example.com:5080/v1/leads/insert')", php);
        Assert.Contains("curl_setopt($ch, CURLOPT_POSTFIELDS, http_build_query($params));", php);
        Assert.Contains("'list_id'         => 42,", php);
        Assert.Contains($"'auth_token'      => '{PhpExample.TokenPlaceholder}'", php);
    }
}
