using System.Globalization;
using System.Text;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.Leads.Insert;
using Leadline.Grains;
using Leadline.Grains.PhoneShards;
using Microsoft.AspNetCore.Http.Features;

namespace Leadline.ApiHost.Leads.Import;

/// <summary>
/// POST /v1/leads/import: a CSV file of leads into one list, every row checked and stored exactly as
/// /v1/leads/insert would (same parser, same phone shards), streamed: rows are inserted while the file
/// still arrives, and the answer is a summary once it has been read.
/// </summary>
public static class ImportEndpoint
{
    public static void MapLeadImport(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/v1/leads/import", HandleAsync);

    private static async Task HandleAsync(HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, PhoneShardRefs shards)
    {
        // Not FlatParameters' 1 MB: a file of a million leads is about 100 MB.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = ImportUpload.MaxBodyBytes;

        ImportResult? result;
        ConvosoError? error;
        try
        {
            (result, error) = await ImportAsync(http, auth, directory, shards);
        }
        catch (Exception ex) when (ErrorOf(ex) is { } readError)
        {
            (result, error) = (null, readError);
        }

        if (result is { Stop: null })
            await ApiResponses.WriteSuccessAsync(http.Response, result.Summary.Write);
        else if (result is not null)
            await WriteErrorAsync(http, ErrorOf(result.Stop!) ?? throw result.Stop!, result.Summary);
        else
            await ConvosoResponses.WriteErrorAsync(http.Response, error!);
    }

    private static async Task<(ImportResult?, ConvosoError?)> ImportAsync(
        HttpContext http, ApiTokenAuthenticator auth, AccountDirectory directory, PhoneShardRefs shards)
    {
        var (upload, malformed) = await ImportUpload.OpenAsync(http.Request);
        if (malformed is not null)
            return (null, malformed);
        var values = upload!.Values;
        var (token, authError) = await auth.AuthenticateAsync(values.GetValueOrDefault(ApiCall.AuthToken), ApiScopes.Leads);
        if (authError is not null)
            return (null, authError);

        // The options hold for every row, so a wrong one is the request's error, not a million rows'.
        if (!ApiParameters.TryId(values, InsertParameterNames.ListId, ConvosoErrors.NoSuchList, out var listId, out var error))
            return (null, error);
        var (dedup, dedupError) = InsertLeadParser.ParseDedup(values);
        var (_, hopperError) = InsertLeadParser.ParseHopper(values);
        if ((dedupError ?? hopperError) is { } optionError)
            return (null, optionError);
        if (!InsertLeadParser.TryPhoneCode(values, out _))
            return (null, ConvosoErrors.InvalidPhone(InsertParameterNames.PhoneCode));
        var list = await directory.FindListAsync(token!.AccountId, listId);
        if (list is null || (dedup!.SearchListId is { } searchList && await directory.FindListAsync(token.AccountId, searchList) is null))
            return (null, ConvosoErrors.NoSuchList);
        if (dedup.SearchCampaignId is { } searchCampaign && await directory.FindCampaignAsync(token.AccountId, searchCampaign) is null)
            return (null, ConvosoErrors.NoSuchCampaign);

        var csv = new CsvRowReader(new StreamReader(upload.Csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024));
        if (await csv.ReadRecordAsync(http.RequestAborted) is not { } header)
            return (null, ConvosoErrors.Malformed("The file is empty: the first row must name the columns"));
        var (mapper, headerError) = ImportRowMapper.Create(header, values, await directory.GetCustomFieldsAsync(token.AccountId));
        if (headerError is not null)
            return (null, headerError);

        var importer = new LeadImporter(request => shards.For(token.AccountId, request.Phone.E164).InsertAsync(new LeadInsertCommand(
            token.AccountId, list.ListId, list.CampaignId, request.Phone, request.Dedup,
            list.Archived ? null : request.Hopper, // an archived list's leads are kept but never dialed
            request.Fields, token.UserId)));
        return (await importer.RunAsync(csv, mapper!, http.RequestAborted), null);
    }

    /// <summary>The answer for what stopped an upload; null for a defect (logged as such by the middleware).</summary>
    private static ConvosoError? ErrorOf(Exception ex) => ex switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => ConvosoErrors.BodyTooLarge(ImportUpload.MaxBodyBytes),
        CsvFormatException csv => ConvosoErrors.Malformed(csv.Message + "; the rows before it were imported"),
        BadHttpRequestException or InvalidDataException or IOException => ConvosoErrors.Malformed("The upload could not be read: " + ex.Message),
        StorageUnavailableException => ConvosoErrors.Unavailable,
        _ => null,
    };

    /// <summary>An import that stopped part-way still says what it did, so the rest can be sent again.</summary>
    private static Task WriteErrorAsync(HttpContext http, ConvosoError error, ImportSummary summary)
    {
        if (error.RetryAfterSeconds is { } seconds)
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiResponses.WriteErrorAsync(http.Response, error, summary.Write);
    }
}
