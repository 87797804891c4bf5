using System.Globalization;

namespace Mosaic.Platform.Metrics;

/// <summary>Writes a measurement's tags as one lookup key into a buffer reused by the calling thread.</summary>
internal static class SeriesKey
{
    private const string Separator = "\u001f";

    [ThreadStatic]
    private static char[]? buffer;

    public static ReadOnlySpan<char> Write(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var chars = buffer ??= new char[256];
        var length = 0;
        foreach (var tag in tags)
        {
            Append(ref chars, ref length, tag.Key);
            Append(ref chars, ref length, "=");
            switch (tag.Value)
            {
                case null: break;
                case string text: Append(ref chars, ref length, text); break;
                case ISpanFormattable formattable:
                    int written;
                    while (!formattable.TryFormat(chars.AsSpan(length), out written, default, CultureInfo.InvariantCulture))
                        Grow(ref chars, chars.Length * 2);
                    length += written;
                    break;
                default: Append(ref chars, ref length, Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? ""); break;
            }
            Append(ref chars, ref length, Separator);
        }
        buffer = chars;
        return chars.AsSpan(0, length);
    }

    private static void Append(ref char[] chars, ref int length, string text)
    {
        if (length + text.Length > chars.Length) Grow(ref chars, Math.Max(chars.Length * 2, length + text.Length));
        text.AsSpan().CopyTo(chars.AsSpan(length));
        length += text.Length;
    }

    private static void Grow(ref char[] chars, int size)
    {
        var bigger = new char[size];
        chars.CopyTo(bigger, 0);
        chars = bigger;
    }
}
