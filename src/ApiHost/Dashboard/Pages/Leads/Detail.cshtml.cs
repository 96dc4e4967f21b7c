using Leadline.ApiHost.Dashboard.Auth;
using Leadline.ApiHost.Dashboard.Data;
using Leadline.ApiHost.Leads.Changes;
using Leadline.ApiHost.Workflows;
using Leadline.Grains.Leads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leadline.ApiHost.Dashboard.Pages.Leads;

/// <summary>One entry of a lead's history, newest first on the page.</summary>
public sealed record LeadHistoryEntry(DateTimeOffset At, string What, string Detail);

/// <summary>
/// One lead: every field, its hopper slot, its history and workflow deliveries; edit and delete go through
/// <see cref="LeadChanges"/>, the code of /v1/leads/update and /v1/leads/delete (the phone's shard).
/// Another account's lead is "not found".
/// </summary>
public sealed class DetailModel(LeadQueries leads, DeliveryQueries deliveries, LeadChanges changes, AccountQueries account) : PageModel
{
    public const int DeliveriesShown = 25;

    /// <summary>The fields the edit form offers: every standard field (phone and list are changed through the API) and the account's custom fields.</summary>
    public static IReadOnlyList<LeadFieldSpec> Standard => LeadFieldCatalog.Standard;

    public long LeadId { get; private set; }
    public LeadDetail? Lead { get; private set; }
    public IReadOnlyList<DeliveryView> Deliveries { get; private set; } = [];
    public IReadOnlyList<LeadHistoryEntry> History { get; private set; } = [];
    public IReadOnlyList<CustomFieldRow> CustomFields { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    public bool Deleted => Field("deleted_at") is { Length: > 0 };

    public string? Field(string name) => Lead?.Fields.FirstOrDefault(f => f.Name == name).Value;

    /// <summary>A field's current value as the edit form shows it: a standard column, or a custom field from custom_fields.</summary>
    public string Current(string name)
    {
        if (LeadFieldCatalog.TryGet(name, out _))
            return Field(name) ?? "";
        using var custom = System.Text.Json.JsonDocument.Parse(Field("custom_fields") ?? "{}");
        return custom.RootElement.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : "";
    }

    public Task OnGetAsync(long id) => LoadAsync(id);

    public async Task<IActionResult> OnPostUpdateAsync(long id)
    {
        await LoadAsync(id);
        if (Lead is null)
            return Page();
        // Only the fields the operator changed are sent, as an API client would send them.
        var values = DashboardForm.Values(Request.Form, [.. Standard.Select(f => f.Name), .. CustomFields.Select(f => f.Name)])
            .Where(v => v.Value != Current(v.Key))
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        if (values.Count == 0)
        {
            Notice = "Nothing changed.";
            return Page();
        }
        values[LeadUpdateParser.LeadId] = DashboardFormat.Id(id);
        var answer = await changes.UpdateAsync(User.AccountId(), User.UserId(), values);
        return await AfterAsync(id, answer.Error, $"Lead {id} updated: {string.Join(", ", values.Keys.Where(k => k != LeadUpdateParser.LeadId).Order())}.");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id) =>
        await AfterAsync(id, await changes.DeleteAsync(User.AccountId(), User.UserId(), id), $"Lead {id} deleted.");

    private async Task<IActionResult> AfterAsync(long id, Convoso.ConvosoError? error, string done)
    {
        if (error is not null)
        {
            Error = $"{error.Text} (code {error.Code})";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
            Notice = done;
        await LoadAsync(id);
        return Page();
    }

    private async Task LoadAsync(long id)
    {
        LeadId = id;
        var accountId = User.AccountId();
        Lead = await leads.DetailAsync(accountId, id);
        CustomFields = await account.CustomFieldsAsync(accountId);
        if (Lead is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        (_, var found) = await deliveries.SearchAsync(accountId, new DeliveryFilter(null, null, null, id, null, 0, DeliveriesShown));
        Deliveries = found;
        History = HistoryOf(Lead);
    }

    /// <summary>
    /// What the tables know: created and last updated (leads), the current hopper slot (hopper_entries; a
    /// lease is a pull not yet acknowledged, acknowledged pulls are not kept) and workflow events such as
    /// HOPPER_EXPIRE. Earlier updates are not kept either, only the last.
    /// </summary>
    private static List<LeadHistoryEntry> HistoryOf(LeadDetail lead)
    {
        string? Value(string name) => lead.Fields.FirstOrDefault(f => f.Name == name).Value;
        var history = new List<LeadHistoryEntry>();
        if (lead.CreatedAt is { } created)
            history.Add(new(created, "created", $"by {Value("created_by")}"));
        if (lead.ModifiedAt is { } modified && modified != lead.CreatedAt)
            history.Add(new(modified, "updated", Value("modified_by") is { Length: > 0 } by ? $"by {by}" : ""));
        if (lead.DeletedAt is { } deleted)
            history.Add(new(deleted, "deleted", ""));
        if (lead.Hopper is { } h)
        {
            history.Add(new(h.InsertedAt, "hopper added", $"campaign {h.CampaignId}, priority {h.Priority}"
                + (h.ExpiresAt is { } e ? $", expires {DashboardFormat.Time(e)}" : "")));
            if (h.State == "LEASED")
                history.Add(new(h.LeaseUntil ?? h.InsertedAt, "hopper pulled", $"leased to {h.LeasedTo} until {DashboardFormat.Time(h.LeaseUntil)}"));
        }
        foreach (var e in lead.Events)
            history.Add(new(e.CreatedAt, e.EventType == "HOPPER_EXPIRE" ? "hopper expired" : e.EventType.ToLowerInvariant().Replace('_', ' '), e.Payload));
        return [.. history.OrderByDescending(h => h.At)];
    }
}
