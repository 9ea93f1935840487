namespace RelationsAlerts.Core.Pipeline;

/// <summary>Another worker is sending this subscriber a digest right now; the job should be retried later.</summary>
public sealed class DigestBusyException(string message) : Exception(message);
