using System.Text.RegularExpressions;
using MimeKit;

namespace RelationsAlerts.App.Tests.Infrastructure;

/// <summary>Reads the .eml files the local mail sender wrote, the way a person reads their inbox.</summary>
public static partial class Mailbox
{
    public static IReadOnlyList<MimeMessage> For(string directory, string address) =>
        [.. Directory.GetFiles(directory, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(x => x.Address == address))];

    /// <summary>The first link in the plain-text part whose path contains <paramref name="pathPart"/>.</summary>
    public static Uri Link(MimeMessage message, string pathPart) =>
        new(LinkRegex().Matches(message.TextBody ?? "").Select(m => m.Value).First(v => v.Contains(pathPart, StringComparison.Ordinal)));

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkRegex();
}
