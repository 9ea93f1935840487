using System.Security.Cryptography;
using System.Text;

namespace RelationsAlerts.Core.Digests;

/// <summary>
/// A short hash of what a digest shows (sections, their stories in order, the other outlets): two digests with the
/// same fingerprint render to the same email apart from the recipient's own links.
/// </summary>
public static class DigestFingerprint
{
    public static string Of(Digest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var content = new StringBuilder(256).Append(digest.Until.UtcTicks);
        foreach (var section in digest.Sections)
        {
            content.Append('\u001e').Append(section.SectorId).Append('\u001f').Append(section.SectorName);
            foreach (var item in section.Items)
            {
                content.Append('\u001f').Append(item.Id);
                foreach (var outlet in section.OtherOutlets(item))
                {
                    content.Append('\u001d').Append(outlet);
                }
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())).AsSpan(0, 8));
    }
}
