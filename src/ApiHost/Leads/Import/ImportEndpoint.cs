using System.Text;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Imports;
using Leadline.ApiHost.Leads.Import.Mappings;
using Leadline.ApiHost.Leads.Insert;
using Leadline.ApiHost.V1;
using Leadline.Grains;
using Leadline.Grains.PhoneShards;
using static Leadline.ApiHost.Leads.Insert.InsertParameterNames;

namespace Leadline.ApiHost.Leads.Import;

/// <summary>
/// /v1/leads/import (token scope <c>leads</c>, Convoso dialect): a CSV file of leads into one list, every row
/// checked and stored exactly as /v1/leads/insert would (same parser, same phone shards), streamed: rows are
/// inserted while the file still arrives, and the answer is a summary once it has been read. The pipeline
/// reads the query string and the form fields before the file (<see cref="ApiBody.Upload"/>) and
/// authenticates; the handler reads the file from <see cref="ApiRequest.Upload"/>. The header row's columns are
/// mapped to fields by <see cref="ImportRowMapper"/> (map_ parameters, a saved mapping named by <c>mapping</c>, names,
/// synonyms, custom fields), and the answer lists the mapping used.
/// </summary>
public static class ImportEndpoint
{
    public static readonly ApiEndpoint Contract = new(ApiScopes.Leads, ApiDialect.Convoso, "Import a CSV or .xlsx file of leads into one list")
    {
        Parameters =
        [
            .. InsertParameterNames.Catalog
                .Where(p => p.Name != PhoneNumber)
                .Select(p => p.Name == PhoneCode ? p with { Description = "Country calling code of rows without a phone_code column, default 1" } : p),
            new(ImportRowMapper.MappingParameter, ApiParameterType.Text,
                "A saved mapping's name (/v1/import-mappings/save) applied to the file's columns; map_ parameters override it (6204 when the account has none of that name)"),
            new(ImportRowMapper.MapPrefix + "<column>", ApiParameterType.Text,
                "map_<column header>=<field> fills the field from that column (header trimmed, any case); an empty value skips the column"),
        ],
        Body = ApiBody.Upload,
        MaxBodyBytes = ImportUpload.MaxBodyBytes,
        ExampleAnswer = """{"success":true,"data":{"rows":2,"inserted":1,"updated":0,"duplicates":1,"dnc":0,"invalid_count":0,"invalid":[],"ignored_columns":["Notes 2"],"mapping":[{"column":"Phone","field":"phone_number"},{"column":"First Name","field":"first_name"},{"column":"Notes 2","field":null}]}}""",
    };

    /// <summary>/v1/leads/import and the saved mappings it uses (/v1/import-mappings/*).</summary>
    public static void MapLeadImport(this IEndpointRouteBuilder v1)
    {
        v1.MapApi("leads/import", Contract, HandleAsync);
        v1.MapImportMappings();
    }

    private static async Task<ApiResult> HandleAsync(ApiRequest request, AccountDirectory directory, PhoneShardRefs shards,
        ImportMappingStore mappings, CancellationToken cancel)
    {
        request.Ignored = ImportMappingEndpoints.IgnoredBesideMaps(request);
        // The options hold for every row, so a wrong one is the request's error, not a million rows'.
        var values = request.Values;
        var listId = request.Id(ListId, ConvosoErrors.NoSuchList);
        var (dedup, dedupError) = InsertLeadParser.ParseDedup(values);
        var (_, hopperError) = InsertLeadParser.ParseHopper(values);
        if ((dedupError ?? hopperError) is { } optionError)
            return ApiResult.Refused(optionError);
        if (!InsertLeadParser.TryPhoneCode(values, out _))
            return ApiResult.Refused(ConvosoErrors.InvalidPhone(PhoneCode));
        var accountId = request.AccountId;
        var (list, missing) = await InsertTargets.ResolveAsync(directory, accountId, listId, dedup!);
        if (missing is not null)
            return ApiResult.Refused(missing);
        ImportMapping? saved = null;
        if (request.Get(ImportRowMapper.MappingParameter) is { } mappingName
            && (mappingName.Length > ImportMappingParser.MaxNameLength || mappingName.Any(char.IsControl)
                || (saved = await mappings.FindAsync(accountId, mappingName)) is null))
            return ApiResult.Refused(ImportMappingEndpoints.NoSuchMapping(mappingName));

        await using var rows = await TableReaders.OpenAsync(request.Upload, request.UploadFileName, cancel);
        TableRecord? header;
        try
        {
            header = await rows.ReadAsync(cancel);
        }
        catch (Exception ex) when (ReadErrorOf(ex) is { } readError)
        {
            return ApiResult.Refused(readError);
        }
        if (header is null)
            return ApiResult.Refused(ConvosoErrors.Malformed("The file is empty: the first row must name the columns"));
        var (mapper, headerError) = ImportRowMapper.Create(header.Fields, values, await directory.GetCustomFieldsAsync(accountId), saved?.Columns);
        if (headerError is not null)
            return ApiResult.Refused(headerError);

        var importer = new LeadImporter(row => shards.InsertAsync(list!, row, request.Token.UserId));
        var result = await importer.RunAsync(rows, mapper!, cancel);

        // An import that stopped part-way still says what it did, so the rest can be sent again.
        void Answer(System.Text.Json.Utf8JsonWriter json)
        {
            result.Summary.Write(json);
            ImportMappingEndpoints.WriteColumns(json, mapper!.Mapping);
        }
        return result.Stop is null
            ? ApiResult.Data(Answer)
            : ApiResult.Refused(StopErrorOf(result.Stop) ?? throw result.Stop, Answer);
    }

    /// <summary>The answer for an upload that could not be read on; null for anything else.</summary>
    private static ConvosoError? ReadErrorOf(Exception ex) => ex switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => ConvosoErrors.BodyTooLarge(ImportUpload.MaxBodyBytes),
        TableFormatException table => ConvosoErrors.Malformed(table.Message + "; the rows before it were imported"),
        BadHttpRequestException or InvalidDataException or IOException => ConvosoErrors.Malformed("The upload could not be read: " + ex.Message),
        _ => null,
    };

    /// <summary>Why the importer stopped: the file, or a row the database could not take; null for a defect (rethrown).</summary>
    private static ConvosoError? StopErrorOf(Exception ex) =>
        ex is StorageUnavailableException ? ConvosoErrors.Unavailable : ReadErrorOf(ex);
}
