using Leadline.ApiHost.Admin.Tokens;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Dashboard.ApiDocs;
using Leadline.ApiHost.Dashboard.Auth;
using Leadline.ApiHost.Dashboard.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leadline.ApiHost.Dashboard.Pages.Api;

/// <summary>API → Leads: the /v1/leads/insert reference (tab Insert Lead) and a form that calls it (tab Test Request).</summary>
public sealed class LeadsModel(TokenStore tokens, AccountQueries account) : PageModel
{
    public bool TestTab { get; private set; }
    public IReadOnlyList<TokenRow> Tokens { get; private set; } = [];
    public IReadOnlyList<ListRow> Lists { get; private set; } = [];
    public IReadOnlyList<CustomFieldRow> CustomFields { get; private set; } = [];
    public IReadOnlyList<ExampleResponse> Examples { get; private set; } = [];
    public string Php { get; private set; } = "";

    public async Task OnGetAsync(string? tab)
    {
        TestTab = tab == "test";
        var accountId = User.AccountId();
        CustomFields = await account.CustomFieldsAsync(accountId);
        Lists = await account.ListNamesAsync(accountId);
        if (TestTab)
            Tokens = [.. (await tokens.ListAsync(accountId)).Where(t => t.Active && (t.Scopes.Contains(ApiScopes.Leads) || t.Scopes.Contains(ApiScopes.Admin)))];
        else
        {
            Examples = await ExampleResponses.BuildAsync();
            Php = PhpExample.Build($"{Request.Scheme}://{Request.Host}", Lists.FirstOrDefault()?.ListId);
        }
    }
}
