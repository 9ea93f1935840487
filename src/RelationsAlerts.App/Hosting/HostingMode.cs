namespace RelationsAlerts.App.Hosting;

/// <summary>How the executable was started.</summary>
public enum HostingMode
{
    /// <summary>Started by the Azure Functions host: triggers arrive over HTTP, no own scheduler or queue listener.</summary>
    FunctionsHost,

    /// <summary>On its own: schedules PollFeeds and listens on the digest queue itself.</summary>
    Standalone,

    /// <summary><c>run --once</c>: one poll, drain the queue, exit.</summary>
    RunOnce,
}
