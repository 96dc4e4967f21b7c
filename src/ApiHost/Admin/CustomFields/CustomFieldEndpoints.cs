using System.Text.Json;
using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Convoso;
using static Leadline.ApiHost.Admin.AdminParameters;

namespace Leadline.ApiHost.Admin.CustomFields;

/// <summary>
/// /v1/custom-fields/create, search, delete. A field's values live in each lead's custom_fields; deleting
/// the definition stops new values (the insert API then lists the parameter as ignored) and keeps the
/// stored ones. Other API hosts see a new or deleted field within <see cref="AccountDirectory.CacheFor"/>.
/// </summary>
public static class CustomFieldEndpoints
{
    public const string Label = "label";
    public const string MaxLength = "max_length";
    public const int MaxLabelLength = 100;
    public const int DefaultMaxLength = 255;
    public const int MaxMaxLength = 4000; // the column's CHECK

    public static Task CreateAsync(HttpContext http, ApiTokenAuthenticator auth, CustomFieldStore fields, AccountDirectory directory) =>
        AdminCall.RunAsync(http, auth, async call =>
        {
            if (!TryName(call.Values, out var name, out var error)
                || !TryText(call.Values, Label, MaxLabelLength, required: false, out var label, out error)
                || !ApiParameters.TryRange(call.Values, MaxLength, 1, MaxMaxLength, DefaultMaxLength, out var maxLength, out error))
                return error;
            var field = await fields.CreateAsync(call.AccountId, name, label ?? name, maxLength);
            if (field is null)
                return AdminErrors.CustomFieldExists;
            directory.ForgetCustomFields(call.AccountId);
            await ApiResponses.WriteSuccessAsync(http.Response, json => Write(json, field));
            return null;
        });

    public static Task SearchAsync(HttpContext http, ApiTokenAuthenticator auth, CustomFieldStore fields) =>
        AdminCall.RunAsync(http, auth, async call =>
        {
            if (!TryText(call.Values, Name, CustomFieldNames.MaxLength, required: false, out var name, out var error)
                || !TryPage(call.Values, out var page, out error))
                return error;
            var (total, rows) = await fields.SearchAsync(call.AccountId, name, page);
            await ApiResponses.WritePageAsync(http.Response, page.Offset, page.Limit, total, rows, Write);
            return null;
        });

    public static Task DeleteAsync(HttpContext http, ApiTokenAuthenticator auth, CustomFieldStore fields, AccountDirectory directory) =>
        AdminCall.RunAsync(http, auth, async call =>
        {
            if (ApiParameters.Get(call.Values, Name) is not { } name)
                return ConvosoErrors.Required(Name);
            if (name.Any(char.IsControl) || await fields.DeleteAsync(call.AccountId, name) is not { } field)
                return AdminErrors.NoSuchCustomField;
            directory.ForgetCustomFields(call.AccountId);
            await ApiResponses.WriteSuccessAsync(http.Response, json =>
            {
                Write(json, field);
                json.WriteBoolean("deleted", true);
            });
            return null;
        });

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
