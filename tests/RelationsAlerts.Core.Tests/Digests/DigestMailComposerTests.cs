using System.Net;
using Microsoft.Extensions.Options;
using RelationsAlerts.Core.Digests;
using RelationsAlerts.Core.Items;
using RelationsAlerts.Core.Processing;
using RelationsAlerts.Core.Subscribers;

namespace RelationsAlerts.Core.Tests.Digests;

public sealed class DigestMailComposerTests
{
    private static readonly DateTimeOffset Until = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compose_RendersOnce_WithEachRecipientsOwnLinks()
    {
        // Arrange
        var composer = Composer();
        var digest = DigestBuilder.Build("d", Until, Reader("a"), [Item("Pakistan and Belarus sign a trade deal")], DefaultTopics.All);

        // Act
        var mail = composer.Compose(digest, "batch-1", [(Reader("a"), "a-1"), (Reader("b"), "b-1")]);

        // Assert: each recipient's copy carries their links and nobody else's.
        var a = mail.Recipients[0];
        var b = mail.Recipients[1];
        var aText = a.Personalize(mail.Text);
        var bHtml = b.Personalize(mail.Html);
        Assert.Contains("https://alerts.example/api/u/", aText, StringComparison.Ordinal);
        Assert.DoesNotContain("-ra-", aText, StringComparison.Ordinal);
        Assert.DoesNotContain("-ra-", bHtml, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(b.Headers["List-Unsubscribe"].Trim('<', '>')), bHtml, StringComparison.Ordinal);
        Assert.NotEqual(a.Headers["List-Unsubscribe"], b.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", a.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(["a-1", "b-1"], mail.Recipients.Select(r => r.IdempotencyKey));
        Assert.DoesNotContain(mail.Recipients, r => r.SubscriberId.Contains('@', StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_UsesUnguessableKeys_SoFeedTextCannotTriggerASubstitution()
    {
        // Arrange: a hostile title that spells what a naive key would look like.
        var digest = DigestBuilder.Build("d", Until, Reader("a"), [Item("Pakistan–Belarus -ra-unsubscribe- -unsubscribe_url- {{unsubscribe}}")], DefaultTopics.All);

        // Act
        var first = Composer().Compose(digest, "b1", [(Reader("a"), "a-1")]);
        var second = Composer().Compose(digest, "b2", [(Reader("a"), "a-1")]);

        // Assert
        Assert.NotEqual(first.Recipients[0].Substitutions.Keys.Order(), second.Recipients[0].Substitutions.Keys.Order());
        var text = first.Recipients[0].Personalize(first.Text);
        Assert.Contains("-ra-unsubscribe- -unsubscribe_url- {{unsubscribe}}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_KeepsAtMostTenCategories()
    {
        // Arrange: one item in every sector.
        var everything = Reader("a") with { Sectors = [.. DefaultTopics.All.Select(t => t.Id)] };
        var items = DefaultTopics.All.Select(t => Item("Pakistan and Belarus: " + t.Id) with { Id = t.Id, Sectors = [t.Id] });
        var digest = DigestBuilder.Build("d", Until, everything, items, DefaultTopics.All);

        // Act
        var mail = Composer().Compose(digest, "b", [(everything, "a-1")]);

        // Assert
        Assert.Equal(14, digest.Sections.Count);
        Assert.Equal(DigestMailComposer.MaxCategories, mail.Categories.Count);
        Assert.Equal("digest", mail.Categories[0]);
    }

    private static DigestMailComposer Composer()
    {
        var options = Options.Create(new SignedLinkOptions { PublicBaseUrl = "https://alerts.example", SigningKey = Convert.ToBase64String(new byte[32]) });
        return new DigestMailComposer(new SubscriberLinks(new LinkSigner(options, TimeProvider.System), options, TimeProvider.System));
    }

    private static Subscriber Reader(string id) => new()
    {
        Id = id,
        Email = id + "@example.com",
        Sectors = ["trade"],
        Status = SubscriberStatus.Active,
    };

    private static NewsItem Item(string title) => new()
    {
        Id = "i1",
        FeedId = "f",
        Title = title,
        PublishedAt = Until.AddHours(-1),
        FirstSeenAt = Until.AddHours(-1),
        Sectors = ["trade"],
    };
}
