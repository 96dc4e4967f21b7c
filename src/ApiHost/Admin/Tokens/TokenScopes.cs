using Leadline.ApiHost.Auth;

namespace Leadline.ApiHost.Admin.Tokens;

/// <summary>The <c>scopes</c> parameter of /v1/tokens/create: a comma-separated subset of <see cref="ApiScopes.All"/>.</summary>
public static class TokenScopes
{
    /// <summary>The scopes in <see cref="ApiScopes.All"/>'s order without repeats, or why the text is not a scope list.</summary>
    public static (IReadOnlyList<string>? Scopes, string? Why) Parse(string text)
    {
        var named = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (named.Length == 0)
            return (null, "name at least one of " + string.Join(", ", ApiScopes.All));
        if (named.FirstOrDefault(scope => !ApiScopes.All.Contains(scope)) is { } unknown)
            return (null, $"unknown scope {unknown}; allowed: {string.Join(", ", ApiScopes.All)}");
        return (ApiScopes.All.Where(named.Contains).ToList(), null);
    }
}
