namespace RelationsAlerts.App.Hosting;

/// <summary>The hosting mode as a service, for endpoints that report it.</summary>
public sealed record HostingInfo(HostingMode Mode);
