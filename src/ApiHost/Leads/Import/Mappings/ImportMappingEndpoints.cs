using System.Text.Json;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Admin;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;
using static Leadline.ApiHost.Admin.AdminParameters;

namespace Leadline.ApiHost.Leads.Import.Mappings;

/// <summary>
/// /v1/import-mappings/save, search, delete (token scope <c>leads</c>, Convoso dialect; Leadline's own, Convoso has
/// no such API): named column mappings that /v1/leads/import applies with <c>mapping=&lt;name&gt;</c>. Another
/// account's mapping answers like one that does not exist (6204).
/// </summary>
public static class ImportMappingEndpoints
{
    private const string MapParameterName = ImportRowMapper.MapPrefix + "<column>";

    private const string Example =
        """{"name":"Acme daily","mapping":[{"column":"Cell","field":"alt_phone_1"},{"column":"Notes 2","field":null},{"column":"Tel","field":"phone_number"}],"created_at":"2025-01-06T09:30:00.000Z","modified_at":"2025-01-06T09:30:00.000Z"}""";

    public static readonly ApiEndpoint SaveContract = new(ApiScopes.Leads, ApiDialect.Convoso,
        "Save a named column mapping for lead imports (Leadline); replaces the account's mapping of that name")
    {
        Parameters =
        [
            new(ImportMappingParser.Name, ApiParameterType.Text, $"The mapping's name, at most {ImportMappingParser.MaxNameLength} characters", Required: true),
            new(MapParameterName, ApiParameterType.Text,
                "At least one, one per column: map_<column header>=<field> (phone_number, phone_code, a standard or custom field); an empty value skips the column"),
        ],
        Aliases = ["import-mappings/create"],
        ExampleAnswer = "{\"success\":true,\"data\":" + Example + "}",
    };

    public static readonly ApiEndpoint SearchContract = new(ApiScopes.Leads, ApiDialect.Convoso, "Search the account's saved import mappings (Leadline)")
    {
        Parameters = [new(ImportMappingParser.Name, ApiParameterType.Text, "Mappings whose name contains this (any case)"), .. PageParameters()],
        ExampleAnswer = "{\"success\":true,\"data\":{\"offset\":0,\"limit\":100,\"total\":\"1\",\"entries\":[" + Example + "]}}",
    };

    public static readonly ApiEndpoint DeleteContract = new(ApiScopes.Leads, ApiDialect.Convoso, "Delete a saved import mapping (Leadline)")
    {
        Parameters = [new(ImportMappingParser.Name, ApiParameterType.Text, "The mapping's name (6204 when the account has none of that name)", Required: true)],
        ExampleAnswer = "{\"success\":true,\"data\":" + Example[..^1] + ",\"deleted\":true}}",
    };

    public static void MapImportMappings(this IEndpointRouteBuilder v1)
    {
        v1.MapApi("import-mappings/save", SaveContract, SaveAsync);
        v1.MapApi("import-mappings/search", SearchContract, SearchAsync);
        v1.MapApi("import-mappings/delete", DeleteContract, DeleteAsync);
    }

    /// <summary>6204, naming the mapping.</summary>
    public static ConvosoError NoSuchMapping(string name) => new(ErrorCodes.NoSuchImportMapping, $"No such import mapping: {name}");

    /// <summary>The request's undeclared names but the map_ parameters, for "ignored".</summary>
    public static IReadOnlyList<string> IgnoredBesideMaps(ApiRequest request) =>
        [.. request.Values.Keys
            .Where(name => !request.Endpoint.Declares(name) && !name.StartsWith(ImportRowMapper.MapPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    private static async Task<ApiResult> SaveAsync(ApiRequest request, AccountDirectory directory, ImportMappingStore store)
    {
        request.Ignored = IgnoredBesideMaps(request);
        var (parsed, error) = ImportMappingParser.Parse(request.Values, await directory.GetCustomFieldsAsync(request.AccountId));
        if (error is not null)
            return ApiResult.Refused(error);
        var saved = await store.SaveAsync(request.AccountId, parsed!.Name, parsed.Columns);
        return ApiResult.Data(json => Write(json, saved));
    }

    private static async Task<ApiResult> SearchAsync(ApiRequest request, ImportMappingStore store)
    {
        var name = request.Text(ImportMappingParser.Name, ImportMappingParser.MaxNameLength);
        var page = request.Paging();
        var (total, rows) = await store.SearchAsync(request.AccountId, name, page);
        return ApiResult.Page(page.Offset, page.Limit, total, rows, Write);
    }

    private static async Task<ApiResult> DeleteAsync(ApiRequest request, ImportMappingStore store)
    {
        var name = request.Required(ImportMappingParser.Name);
        if (name.Length > ImportMappingParser.MaxNameLength || name.Any(char.IsControl)
            || await store.DeleteAsync(request.AccountId, name) is not { } deleted)
            return ApiResult.Refused(NoSuchMapping(name));
        return ApiResult.Data(json =>
        {
            Write(json, deleted);
            json.WriteBoolean("deleted", true);
        });
    }

    private static void Write(Utf8JsonWriter json, ImportMapping mapping)
    {
        json.WriteString("name", mapping.Name);
        WriteColumns(json, mapping.Columns.Select(c => new ColumnMap(c.Key, c.Value)));
        json.WriteString("created_at", ApiResponses.Time(mapping.CreatedAt));
        json.WriteString("modified_at", ApiResponses.Time(mapping.ModifiedAt));
    }

    /// <summary><c>"mapping":[{"column":"Phone","field":"phone_number"},{"column":"Notes 2","field":null},…]</c>: the import's answer and the saved mappings'.</summary>
    public static void WriteColumns(Utf8JsonWriter json, IEnumerable<ColumnMap> columns)
    {
        json.WriteStartArray("mapping");
        foreach (var column in columns)
        {
            json.WriteStartObject();
            json.WriteString("column", column.Header);
            if (column.Field is { } field)
                json.WriteString("field", field);
            else
                json.WriteNull("field");
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
