using System.Text;

namespace Analysis.Api.Uploads;

/// <summary>
/// Writes the text of a JSON string (its escaped bytes, between the quotes) to a stream as UTF-8, a chunk at a
/// time, so a 100 MB <c>csv</c> field is decoded into its buffer without a second copy in memory. The JSON reader
/// has checked the escapes' syntax and the bytes are UTF-8 (checked as they arrived); what is left to refuse is an
/// escaped half of a character (<c>\ud800</c>).
/// </summary>
public static class JsonStringUnescaper
{
    private const int ChunkBytes = 1 << 16;

    /// <summary>Decodes <paramref name="escaped"/> into <paramref name="target"/>; the bytes written.</summary>
    public static long Unescape(ReadOnlySpan<byte> escaped, Stream target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Span<byte> chunk = new byte[ChunkBytes];
        var filled = 0;
        long written = 0;
        void Flush(Span<byte> buffer)
        {
            target.Write(buffer[..filled]);
            written += filled;
            filled = 0;
        }

        var at = 0;
        var nextEscape = -1; // where the next backslash is (found once per run of plain bytes, never rescanned)
        while (at < escaped.Length)
        {
            if (filled > ChunkBytes - 4)
            {
                Flush(chunk);
            }

            if (nextEscape < at)
            {
                var found = escaped[at..].IndexOf((byte)'\\');
                nextEscape = found < 0 ? escaped.Length : at + found;
            }

            // A run without escapes is copied as it is, a chunk at a time.
            if (nextEscape > at)
            {
                var take = Math.Min(nextEscape - at, ChunkBytes - filled);
                escaped.Slice(at, take).CopyTo(chunk[filled..]);
                filled += take;
                at += take;
                continue;
            }

            var kind = escaped[at + 1];
            if (kind != (byte)'u')
            {
                chunk[filled++] = kind switch
                {
                    (byte)'n' => (byte)'\n',
                    (byte)'r' => (byte)'\r',
                    (byte)'t' => (byte)'\t',
                    (byte)'b' => (byte)'\b',
                    (byte)'f' => (byte)'\f',
                    _ => kind, // \" \\ \/
                };
                at += 2;
                continue;
            }

            var code = Hex(escaped.Slice(at + 2, 4));
            at += 6;
            if (char.IsHighSurrogate((char)code) && at + 6 <= escaped.Length && escaped[at] == (byte)'\\' && escaped[at + 1] == (byte)'u' &&
                Hex(escaped.Slice(at + 2, 4)) is var low && char.IsLowSurrogate((char)low))
            {
                code = char.ConvertToUtf32((char)code, (char)low);
                at += 6;
            }
            else if (char.IsSurrogate((char)code))
            {
                throw new RequestValidationException(new Dictionary<string, string[]> { ["csv"] = [InvalidText.UnpairedSurrogate] });
            }

            filled += new Rune(code).EncodeToUtf8(chunk[filled..]);
        }

        Flush(chunk);
        return written;
    }

    private static int Hex(ReadOnlySpan<byte> four)
    {
        Span<char> text = stackalloc char[4];
        Encoding.ASCII.GetChars(four, text);
        return int.Parse(text, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
    }
}
