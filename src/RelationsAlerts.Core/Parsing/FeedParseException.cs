namespace RelationsAlerts.Core.Parsing;

/// <summary>The bytes are not a feed we can read.</summary>
public sealed class FeedParseException(string message, Exception? inner = null) : Exception(message, inner);
