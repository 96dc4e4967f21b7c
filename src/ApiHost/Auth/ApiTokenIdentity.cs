namespace Leadline.ApiHost.Auth;

/// <summary>Who a valid token acts as. Scopes: leads, dnc, hopper, admin.</summary>
public sealed record ApiTokenIdentity(long TokenId, long AccountId, long UserId, IReadOnlyList<string> Scopes)
{
    public bool Allows(string scope) => Scopes.Contains(scope) || Scopes.Contains(ApiScopes.Admin);
}

public static class ApiScopes
{
    public const string Leads = "leads";
    public const string Dnc = "dnc";
    public const string Hopper = "hopper";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Leads, Dnc, Hopper, Admin];
}
