using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Ports;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.App.Tests.Infrastructure;

/// <summary>Unique test records, so tests sharing one Azurite never see each other's data.</summary>
public static class TestData
{
    public static Subscriber Subscriber(params string[] sectors)
    {
        var email = $"reader-{Guid.NewGuid():N}@example.com";
        return new Subscriber { Id = SubscriberIds.FromEmail(email), Email = email, Sectors = sectors, Status = SubscriberStatus.Active, Frequency = DigestFrequency.Instant };
    }

    public static NewsItem Item(string sector, DateTimeOffset seen, string? title = null) => new()
    {
        Id = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
        FeedId = "f-test",
        Title = title ?? "Pakistan and Belarus sign trade protocol " + Guid.NewGuid().ToString("N")[..6],
        Link = new Uri("https://example.org/news/" + Guid.NewGuid().ToString("N")),
        Summary = "Islamabad and Minsk agreed to expand trade.",
        FirstSeenAt = seen,
        PublishedAt = seen,
        Sectors = [sector],
    };

    /// <summary>Stores a subscriber and an item in their sector, and returns the queue message for their digest.</summary>
    public static async Task<(Subscriber Subscriber, byte[] Message)> DigestReadyAsync(IServiceProvider services, DateTimeOffset now)
    {
        // A sector of its own keeps items of other tests sharing the emulator out of this digest.
        var sector = "sector-" + Guid.NewGuid().ToString("N")[..8];
        var subscriber = Subscriber(sector);
        await services.GetRequiredService<ISubscriberStore>().UpsertAsync(subscriber);
        await services.GetRequiredService<IItemStore>().TryAddAsync(Item(sector, now.AddMinutes(-5)));
        return (subscriber, DigestRequestSerializer.Serialize(DigestRequest.For(subscriber.Id, now)));
    }
}
