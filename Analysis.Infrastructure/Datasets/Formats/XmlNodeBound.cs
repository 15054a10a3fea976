using Analysis.Application.Datasets;

namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// Holds every node of an XML part to <see cref="MaxNodeChars"/> characters as its bytes go by, before an
/// <see cref="System.Xml.XmlReader"/> sees them. The reader keeps a whole start tag (its attributes), and a whole text
/// run, comment or CDATA section, in memory at once; without this, one crafted node in a sheet that inflates to the
/// ZIP bound would be buffered whole (twice its bytes, as UTF-16, and again as the string made of it).
/// </summary>
/// <remarks>
/// XML allows a <c>&lt;</c> nowhere but where markup begins — not in a text, not in an attribute's value — except
/// inside a comment, a CDATA section or a processing instruction. So what lies between two <c>&lt;</c> (a tag and the
/// text after it) is measured with a vectorized search for the next one, and only those three are followed character
/// by character, each to its own end (<c>--&gt;</c>, <c>]]&gt;</c>, <c>?&gt;</c>). A <c>&lt;</c> where XML forbids it
/// makes the reader stop there. The parts are UTF-8 (Excel's) or UTF-16 (allowed by OOXML, told by the first bytes);
/// in UTF-16 the scan is over 16-bit units, so a unit whose low byte is <c>&lt;</c> is not taken for one.
/// </remarks>
internal sealed class XmlNodeBound(string part)
{
    /// <summary>1 Mi characters: a cell holds at most 32,767 (Excel's limit), even written as character references.</summary>
    public const int MaxNodeChars = 1 << 20;

    private State _state = State.Markup;
    private Encoding _encoding = Encoding.Unknown;
    private int _pendingByte = -1;
    private long _length;
    private char _last;
    private char _beforeLast;

    private enum State : byte
    {
        Markup,      // a tag and the text after it, to the next '<'
        Open,        // just after '<'
        Bang,        // just after "<!"
        BangDash,    // just after "<!-"
        Comment,
        CData,
        Declaration,
        Instruction,
    }

    private enum Encoding : byte
    {
        Unknown,
        Utf8,
        Utf16LittleEndian,
        Utf16BigEndian,
    }

    /// <summary>Scans the next bytes of the part; throws when a node grows past <see cref="MaxNodeChars"/>.</summary>
    public void Scan(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        if (_encoding == Encoding.Unknown)
        {
            _encoding = Detect(bytes);
        }

        if (_encoding == Encoding.Utf8)
        {
            ScanUtf8(bytes);
            return;
        }

        foreach (var b in bytes)
        {
            if (_pendingByte < 0)
            {
                _pendingByte = b;
                continue;
            }

            Next(_encoding == Encoding.Utf16LittleEndian ? (char)(_pendingByte | (b << 8)) : (char)((_pendingByte << 8) | b));
            _pendingByte = -1;
        }
    }

    /// <summary>
    /// A chunk of the part is measured by where its first and last <c>&lt;</c> are (vectorized searches): before the
    /// first, the node that was open goes on; after the last, a new one begins; the ones between are shorter than the
    /// chunk, which is held to half the bound. Comments, CDATA sections and processing instructions (rare) are followed
    /// a byte at a time to their ends.
    /// </summary>
    private void ScanUtf8(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > MaxNodeChars / 2)
        {
            ScanUtf8(bytes[..(MaxNodeChars / 2)]);
            bytes = bytes[(MaxNodeChars / 2)..];
        }

        while (!bytes.IsEmpty)
        {
            if (_state != State.Markup)
            {
                Next((char)bytes[0]); // in UTF-8 no byte of a multi-byte character is ASCII
                bytes = bytes[1..];
                continue;
            }

            var special = FirstSpecial(bytes);
            var plain = special < 0 ? bytes : bytes[..special];
            var first = plain.IndexOf((byte)'<');
            if (first < 0)
            {
                Count(plain.Length);
            }
            else
            {
                Count(first);
                _length = 0;
                Count(plain.Length - plain.LastIndexOf((byte)'<'));
            }

            if (special < 0)
            {
                // A '<' that ends the chunk opens markup whose kind the next chunk tells.
                _state = bytes[^1] == '<' ? State.Open : State.Markup;
                return;
            }

            Next('<');
            bytes = bytes[(special + 1)..];
        }
    }

    /// <summary>Where the first <c>&lt;!</c> or <c>&lt;?</c> of the chunk is (-1: none).</summary>
    private static int FirstSpecial(ReadOnlySpan<byte> bytes)
    {
        var bang = bytes.IndexOf("<!"u8);
        var question = bytes.IndexOf("<?"u8);
        return bang < 0 ? question : question < 0 ? bang : Math.Min(bang, question);
    }

    /// <summary>A UTF-16 part starts with its byte-order mark or with <c>&lt;</c> as a 16-bit unit; anything else is UTF-8.</summary>
    private static Encoding Detect(ReadOnlySpan<byte> head) => head switch
    {
        [0xFF, 0xFE, ..] or [(byte)'<', 0, ..] => Encoding.Utf16LittleEndian,
        [0xFE, 0xFF, ..] or [0, (byte)'<', ..] => Encoding.Utf16BigEndian,
        _ => Encoding.Utf8,
    };

    private void Next(char c)
    {
        switch (_state)
        {
            case State.Markup when c == '<':
                _state = State.Open;
                _length = 0;
                break;
            case State.Open:
                _state = c switch
                {
                    '!' => State.Bang,
                    '?' => State.Instruction,
                    _ => State.Markup,
                };
                break;
            case State.Bang:
                _state = c switch
                {
                    '-' => State.BangDash,
                    '[' => State.CData,
                    _ => State.Declaration,
                };
                break;
            case State.BangDash:
                _state = State.Comment;
                break;
            case State.Declaration when c == '>':
            case State.Comment when c == '>' && _last == '-' && _beforeLast == '-':
            case State.CData when c == '>' && _last == ']' && _beforeLast == ']':
            case State.Instruction when c == '>' && _last == '?':
                _state = State.Markup;
                _length = 0; // the text that follows, to the next '<', is a node of its own
                return;
        }

        (_beforeLast, _last) = (_last, c);
        Count(1);
    }

    private void Count(long chars)
    {
        _length += chars;
        if (_length > MaxNodeChars)
        {
            throw new DatasetFormatException(
                $"The XLSX part '{part}' has a single XML node (a tag, a text or a comment) of more than {MaxNodeChars} characters; no cell holds that much, so the file is refused.");
        }
    }
}
