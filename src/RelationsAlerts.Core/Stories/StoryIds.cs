using System.Security.Cryptography;
using System.Text;

namespace RelationsAlerts.Core.Stories;

/// <summary>A story's id is derived from its first report's, so two workers starting the same story agree on it.</summary>
public static class StoryIds
{
    public const string Prefix = "st-";

    public static string For(string firstItemId)
    {
        ArgumentNullException.ThrowIfNull(firstItemId);
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(firstItemId)))[..12];
    }
}
