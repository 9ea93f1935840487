using System.ComponentModel.DataAnnotations;

namespace RelationsAlerts.Core.Subscribers;

/// <summary>Signed subscriber links. Bound from the <c>Links</c> configuration section; the key comes from Key Vault in Azure.</summary>
public sealed class SignedLinkOptions
{
    public const string SectionName = "Links";

    /// <summary>Public base URL of the app (links in emails point here).</summary>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>HMAC key for new links (at least 32 characters).</summary>
    [MinLength(32)]
    public string? SigningKey { get; set; }

    /// <summary>Id of <see cref="SigningKey"/>, carried in each token so keys can rotate.</summary>
    [RegularExpression("^[A-Za-z0-9_-]{1,16}$")]
    public string KeyId { get; set; } = "k1";

    /// <summary>Earlier keys by id: links signed with them still validate.</summary>
    public IDictionary<string, string> RetiredKeys { get; init; } = new Dictionary<string, string>();

    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Unconfirmed sign-ups older than this are deleted.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan PendingExpiry { get; set; } = TimeSpan.FromDays(7);
}
