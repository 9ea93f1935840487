using System.ComponentModel.DataAnnotations;
using Cronos;

namespace RelationsAlerts.App.Hosting;

/// <summary>Validates that the poll schedule is a six-field NCRONTAB expression, as the Functions timer trigger requires.</summary>
internal static class CronSchedule
{
    public static ValidationResult? Validate(string? value)
    {
        try
        {
            _ = CronExpression.Parse(value ?? "", CronFormat.IncludeSeconds);
            return ValidationResult.Success;
        }
        catch (CronFormatException ex)
        {
            return new ValidationResult($"Polling:Schedule '{value}' is not a six-field NCRONTAB expression: {ex.Message}");
        }
    }
}
