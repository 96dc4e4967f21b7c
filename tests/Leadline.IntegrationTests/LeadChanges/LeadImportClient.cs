using System.Text.Json;
using Leadline.IntegrationTests.Infrastructure;
using Npgsql;

namespace Leadline.IntegrationTests.LeadChanges;

/// <summary>One stored lead's columns that the mapping tests compare.</summary>
public sealed record ImportedLead(string Phone, string? FirstName, string? LastName, string? PostalCode, string? Email,
    string? AltPhone1, string? AltPhone2, string? Notes, string CustomFields);

/// <summary>Posts /v1/leads/import (multipart: parameters, then the file) and /v1/import-mappings/*, and reads the leads back.</summary>
public sealed class LeadImportClient(TestAccount account)
{
    public TestAccount Account => account;

    /// <summary>Imports <paramref name="csv"/> into the account's list; auth_token and list_id are added unless given.</summary>
    public async Task<ApiAnswer> ImportAsync(string csv, params (string Name, string Value)[] parameters)
    {
        using var upload = new MultipartFormDataContent();
        var given = parameters.ToList();
        foreach (var (name, value) in new[] { ("auth_token", account.Token.Secret), ("list_id", account.ListId.ToString()) }
                     .Where(d => given.All(p => p.Name != d.Item1)).Concat(given))
            upload.Add(new StringContent(value), name);
        upload.Add(new StringContent(csv), "file", "leads.csv");
        using var http = new HttpClient { BaseAddress = account.Leadline.Http.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        using var response = await http.PostAsync("/v1/leads/import", upload);
        return new ApiAnswer(response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public Task<ApiAnswer> SaveMappingAsync(string name, params (string Name, string Value)[] maps) =>
        account.PostFormAsync("/v1/import-mappings/save", [("name", name), .. maps]);

    public Task<ApiAnswer> MappingsAsync(params (string Name, string Value)[] parameters) =>
        account.PostFormAsync("/v1/import-mappings/search", parameters);

    public Task<ApiAnswer> DeleteMappingAsync(string name) =>
        account.PostFormAsync("/v1/import-mappings/delete", [("name", name)]);

    /// <summary>The answer's mapping: column → field (null: not stored), in file order.</summary>
    public static List<(string Column, string? Field)> Mapping(JsonElement data) =>
        data.GetProperty("mapping").EnumerateArray()
            .Select(m => (m.GetProperty("column").GetString()!, m.GetProperty("field").ValueKind == JsonValueKind.Null ? null : m.GetProperty("field").GetString()))
            .ToList();

    /// <summary>The account's live leads, by phone.</summary>
    public async Task<Dictionary<string, ImportedLead>> LeadsAsync()
    {
        await using var cmd = account.Leadline.Database.DataSource.CreateCommand(
            """
            SELECT phone_e164, first_name, last_name, postal_code, email, alt_phone_1, alt_phone_2, notes, custom_fields::text
            FROM leads WHERE account_id = $1 AND deleted_at IS NULL
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = account.AccountId });
        await using var reader = await cmd.ExecuteReaderAsync();
        var leads = new Dictionary<string, ImportedLead>();
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        while (await reader.ReadAsync())
            leads.Add(reader.GetString(0), new ImportedLead(reader.GetString(0), Text(1), Text(2), Text(3), Text(4), Text(5), Text(6), Text(7), reader.GetString(8)));
        return leads;
    }
}
