using System.Text.Json;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using Leadline.ApiHost.V1;
using static Leadline.ApiHost.Admin.AdminParameters;

namespace Leadline.ApiHost.Admin.CustomFields;

/// <summary>
/// /v1/custom-fields/create, search, delete (Leadline's; Convoso has no such API). A field's values live in
/// each lead's custom_fields; deleting the definition stops new values (the insert API then lists the
/// parameter as ignored) and keeps the stored ones. Other API hosts see a new or deleted field within
/// <see cref="AccountDirectory.CacheFor"/>.
/// </summary>
public static class CustomFieldEndpoints
{
    public const string Label = "label";
    public const string MaxLength = "max_length";
    public const int MaxLabelLength = 100;
    public const int DefaultMaxLength = 255;
    public const int MaxMaxLength = 4000; // the column's CHECK

    public static readonly ApiEndpoint CreateContract = new(ApiScopes.Admin, ApiDialect.Convoso, "Define a custom lead field (Leadline)")
    {
        Parameters =
        [
            new(Name, ApiParameterType.Text,
                $"The field's name, also the insert parameter: a lowercase identifier of at most {CustomFieldNames.MaxLength} characters", Required: true),
            new(Label, ApiParameterType.Text, $"What the dashboard shows, at most {MaxLabelLength} characters; default the name"),
            new(MaxLength, ApiParameterType.Integer, $"The longest value insert accepts, 1-{MaxMaxLength}, default {DefaultMaxLength}"),
        ],
        ExampleAnswer = """{"success":true,"data":{"name":"policy_no","label":"Policy number","max_length":12,"created_at":"…"}}""",
    };

    public static readonly ApiEndpoint SearchContract = new(ApiScopes.Admin, ApiDialect.Convoso, "Search custom lead fields (Leadline)")
    {
        Parameters = [new(Name, ApiParameterType.Text, "Fields whose name contains this"), .. PageParameters()],
        ExampleAnswer = """{"success":true,"data":{"offset":0,"limit":100,"total":"1","entries":[{"name":"policy_no","label":"Policy number","max_length":12,"created_at":"…"}]}}""",
    };

    public static readonly ApiEndpoint DeleteContract = new(ApiScopes.Admin, ApiDialect.Convoso, "Delete a custom lead field's definition (Leadline); stored values stay")
    {
        Parameters = [new(Name, ApiParameterType.Text, "The field's name (6202 when unknown)", Required: true)],
        ExampleAnswer = """{"success":true,"data":{"name":"policy_no","label":"Policy number","max_length":12,"created_at":"…","deleted":true}}""",
    };

    public static void MapCustomFields(this IEndpointRouteBuilder v1)
    {
        v1.MapApi("custom-fields/create", CreateContract, CreateAsync);
        v1.MapApi("custom-fields/search", SearchContract, SearchAsync);
        v1.MapApi("custom-fields/delete", DeleteContract, DeleteAsync);
    }

    private static async Task<ApiResult> CreateAsync(ApiRequest request, CustomFieldStore fields, AccountDirectory directory)
    {
        if (!TryName(request.Values, out var name, out var error))
            return ApiResult.Refused(error!);
        var label = request.Text(Label, MaxLabelLength);
        var maxLength = request.Range(MaxLength, 1, MaxMaxLength, DefaultMaxLength);

        var field = await fields.CreateAsync(request.AccountId, name, label ?? name, maxLength);
        if (field is null)
            return ApiResult.Refused(AdminErrors.CustomFieldExists);
        directory.ForgetCustomFields(request.AccountId);
        return ApiResult.Data(json => Write(json, field));
    }

    private static async Task<ApiResult> SearchAsync(ApiRequest request, CustomFieldStore fields)
    {
        var name = request.Text(Name, CustomFieldNames.MaxLength);
        var page = request.Paging();
        var (total, rows) = await fields.SearchAsync(request.AccountId, name, page);
        return ApiResult.Page(page.Offset, page.Limit, total, rows, Write);
    }

    private static async Task<ApiResult> DeleteAsync(ApiRequest request, CustomFieldStore fields, AccountDirectory directory)
    {
        var name = request.Required(Name);
        if (name.Any(char.IsControl) || await fields.DeleteAsync(request.AccountId, name) is not { } field)
            return ApiResult.Refused(AdminErrors.NoSuchCustomField);
        directory.ForgetCustomFields(request.AccountId);
        return ApiResult.Data(json =>
        {
            Write(json, field);
            json.WriteBoolean("deleted", true);
        });
    }

    private static bool TryName(IReadOnlyDictionary<string, string> values, out string name, out ConvosoError? error)
    {
        name = ApiParameters.Get(values, Name) ?? "";
        error = name.Length == 0 ? ConvosoErrors.Required(Name)
            : CustomFieldNames.Check(name) is { } why ? ConvosoErrors.Invalid(Name, why)
            : null;
        return error is null;
    }

    private static void Write(Utf8JsonWriter json, CustomFieldRow field)
    {
        json.WriteString("name", field.Name);
        json.WriteString("label", field.Label);
        json.WriteNumber("max_length", field.MaxLength);
        json.WriteString("created_at", ApiResponses.Time(field.CreatedAt));
    }
}
