using System.Net;
using System.Text.RegularExpressions;
using Leadline.IntegrationTests.Infrastructure;

namespace Leadline.IntegrationTests.CoHosted;

/// <summary>An HTTP client logged in to the operator dashboard through its own login form.</summary>
public static partial class OperatorClient
{
    private const string Password = "correct horse battery staple";

    public static async Task<HttpClient> LogInAsync(LeadlineCluster leadline, TestAccount account)
    {
        var login = $"op-{Guid.NewGuid():N}@test.local";
        await leadline.Accounts.CreateOperatorAsync(account.AccountId, login, Password, "Test Operator");
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true })
        {
            BaseAddress = leadline.Http.BaseAddress,
        };
        var form = await client.GetStringAsync("/login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var response = await client.PostAsync("/login", new FormUrlEncodedContent(
            [new("login", login), new("password", Password), new("__RequestVerificationToken", token)]));
        Assert.DoesNotContain("id=\"login-form\"", await response.Content.ReadAsStringAsync());
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
