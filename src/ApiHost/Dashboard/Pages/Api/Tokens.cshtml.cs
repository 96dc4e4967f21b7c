using Leadline.ApiHost.Accounts;
using Leadline.ApiHost.Admin.Tokens;
using Leadline.ApiHost.Auth;
using Leadline.ApiHost.Dashboard.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leadline.ApiHost.Dashboard.Pages.Api;

/// <summary>API → Tokens: create (the secret is shown once), list, revoke.</summary>
public sealed class TokensModel(TokenStore tokens, AccountProvisioner provisioner) : PageModel
{
    public const int MaxNameLength = 100;

    public IReadOnlyList<TokenRow> Tokens { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Notice { get; private set; }
    public CreatedToken? Created { get; private set; }
    public string? CreatedName { get; private set; }

    public async Task OnGetAsync() => Tokens = await tokens.ListAsync(User.AccountId());

    public async Task<IActionResult> OnPostCreateAsync(string? name, string[]? scopes)
    {
        name = name?.Trim();
        var chosen = (scopes ?? []).Where(ApiScopes.All.Contains).Distinct().ToArray();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
            Error = $"Give the token a name of 1 to {MaxNameLength} characters.";
        else if (chosen.Length == 0)
            Error = "Choose at least one scope.";
        else
        {
            Created = await provisioner.CreateTokenAsync(User.AccountId(), name, chosen);
            CreatedName = name;
        }
        if (Error is not null)
            Response.StatusCode = StatusCodes.Status400BadRequest;
        Tokens = await tokens.ListAsync(User.AccountId());
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long tokenId)
    {
        // Another account's token id finds nothing, exactly like an unknown id.
        if (await provisioner.RevokeTokenAsync(User.AccountId(), tokenId))
            Notice = $"Token {tokenId} is revoked; API hosts refuse it within {ApiTokenAuthenticator.RevocationDelay.TotalSeconds:0} seconds.";
        else
            Error = "No such active token.";
        Tokens = await tokens.ListAsync(User.AccountId());
        return Page();
    }
}
