using System.Security.Cryptography;
using System.Text;

namespace Leadline.ApiHost.Auth;

/// <summary>
/// API token secrets: 256 random bits, shown once. At rest only their SHA-256 is kept — a salted slow
/// hash is for guessable passwords; a random 256-bit secret cannot be guessed, and auth must stay cheap.
/// </summary>
public static class ApiTokenSecret
{
    public static string Generate() =>
        "ll_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>The last 4 characters, all the dashboard ever shows of a stored token.</summary>
    public static string Hint(string secret) => secret.Length <= 4 ? secret : secret[^4..];
}
