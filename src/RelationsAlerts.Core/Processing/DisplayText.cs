namespace RelationsAlerts.Core.Processing;

/// <summary>
/// Makes untrusted text safe to display: bidirectional embedding, override and isolate controls (U+202A–U+202E,
/// U+2066–U+2069) are removed, so a title cannot reverse the text around it ("Trojan Source"-style spoofing).
/// Plain left-to-right/right-to-left marks stay: Urdu text uses them legitimately.
/// </summary>
public static class DisplayText
{
    public static string StripBidiControls(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(BidiControls) < 0 ? value : string.Concat(value.Where(c => !BidiControls.Contains(c)));
    }

    private static readonly System.Buffers.SearchValues<char> BidiControls =
        System.Buffers.SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");
}
