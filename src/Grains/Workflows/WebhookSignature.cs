using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Leadline.Grains.Workflows;

/// <summary>
/// The <c>X-Leadline-Signature</c> header: <c>t={unix seconds},v1={hex HMAC-SHA256(secret, "{t}.{body}")}</c>.
/// The timestamp is signed with the body, so a receiver can refuse replays of old requests.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Leadline-Signature";

    public static string Create(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var t = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var signed = new byte[Encoding.ASCII.GetByteCount(t) + 1 + body.Length];
        var written = Encoding.ASCII.GetBytes(t, signed);
        signed[written] = (byte)'.';
        body.CopyTo(signed.AsSpan(written + 1));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>What a receiver does; here for tests and for the docs' example.</summary>
    public static bool Verify(string secret, string header, ReadOnlySpan<byte> body)
    {
        var pairs = header.Split(',').Select(p => p.Split('=', 2)).ToList();
        if (pairs.Any(p => p.Length != 2) || pairs.Select(p => p[0]).Distinct().Count() != pairs.Count)
            return false; // malformed, or a key given twice: refuse rather than guess which one counts
        var t = pairs.FirstOrDefault(p => p[0] == "t")?[1];
        if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return false;
        var expected = Encoding.ASCII.GetBytes(Create(secret, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header));
    }
}
