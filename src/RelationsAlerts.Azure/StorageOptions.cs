using System.ComponentModel.DataAnnotations;

namespace RelationsAlerts.Azure;

/// <summary>
/// Where the tables and queues live. Either a connection string (Azurite, local runs) or an account name with a
/// managed identity (Azure; the same <c>AzureWebJobsStorage__*</c> settings the Functions host uses).
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    public string? ConnectionString { get; set; }

    public string? AccountName { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty for the system identity or developer credentials.</summary>
    public string? ClientId { get; set; }

    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string DigestQueueName { get; set; } = "digest-requests";

    public string PoisonQueueName => DigestQueueName + "-poison";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) == string.IsNullOrWhiteSpace(AccountName))
        {
            yield return new ValidationResult(
                "Set exactly one of Storage:ConnectionString (or AzureWebJobsStorage) and Storage:AccountName (or AzureWebJobsStorage__accountName).",
                [nameof(ConnectionString), nameof(AccountName)]);
        }
    }
}
