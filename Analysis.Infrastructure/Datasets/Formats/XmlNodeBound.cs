using Analysis.Application.Datasets;

namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// Holds every node of an XML part to <see cref="MaxNodeChars"/> characters as its bytes go by, before an
/// <see cref="System.Xml.XmlReader"/> sees them. The reader keeps a whole start tag (its attributes), and a whole text
/// run, comment or CDATA section, in memory at once; without this, one crafted node in a sheet that inflates to the
/// ZIP bound would be buffered whole (twice its bytes, as UTF-16, and again as the string made of it).
/// </summary>
/// <remarks>
/// A node here is what lies between two markup boundaries: a tag from its <c>&lt;</c> to its closing <c>&gt;</c>
/// (a <c>&gt;</c> inside a quoted attribute value does not close it), a text run between tags, a comment to its
/// <c>--&gt;</c>, a CDATA section to its <c>]]&gt;</c>, a processing instruction to its <c>?&gt;</c>. The parts are
/// UTF-8 (Excel's) or UTF-16 (allowed by OOXML, told by the first bytes); in UTF-16 the scan is over 16-bit units, so
/// a unit whose low byte is <c>&lt;</c> is not taken for one.
/// </remarks>
internal sealed class XmlNodeBound(string part)
{
    /// <summary>1 Mi characters: a cell holds at most 32,767 (Excel's limit), even written as character references.</summary>
    public const int MaxNodeChars = 1 << 20;

    private State _state = State.Text;
    private Encoding _encoding = Encoding.Unknown;
    private int _pendingByte = -1;
    private long _length;
    private char _quote;
    private char _last;
    private char _beforeLast;

    private enum State : byte
    {
        Text,
        Open,      // just after '<'
        Tag,       // a start or end tag, or a declaration
        Bang,      // just after "<!"
        BangDash,  // just after "<!-"
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
    /// Text runs and tags, nearly all of a part, are skipped to their next boundary by a vectorized search; the rest
    /// goes byte by byte (in UTF-8 no byte of a multi-byte character is one of the ASCII characters looked for).
    /// </summary>
    private void ScanUtf8(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var run = _state switch
            {
                State.Text => bytes.IndexOf((byte)'<'),
                State.Tag when _quote != '\0' => bytes.IndexOf((byte)_quote),
                State.Tag => bytes.IndexOfAny((byte)'>', (byte)'"', (byte)'\''),
                _ => 0,
            };

            if (run < 0)
            {
                Count(bytes.Length);
                return;
            }

            Count(run);
            Next((char)bytes[run]);
            bytes = bytes[(run + 1)..];
        }
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
            case State.Text when c == '<':
                Begin(State.Open);
                break;
            case State.Open:
                _state = c switch
                {
                    '!' => State.Bang,
                    '?' => State.Instruction,
                    _ => State.Tag,
                };
                break;
            case State.Tag or State.Declaration when _quote != '\0':
                _quote = c == _quote ? '\0' : _quote;
                break;
            case State.Tag or State.Declaration when c is '"' or '\'':
                _quote = c;
                break;
            case State.Tag or State.Declaration when c == '>':
                Begin(State.Text);
                return;
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
            case State.Comment when c == '>' && _last == '-' && _beforeLast == '-':
            case State.CData when c == '>' && _last == ']' && _beforeLast == ']':
            case State.Instruction when c == '>' && _last == '?':
                Begin(State.Text);
                return;
        }

        (_beforeLast, _last) = (_last, c);
        Count(1);
    }

    private void Count(int chars)
    {
        _length += chars;
        if (_length > MaxNodeChars)
        {
            throw new DatasetFormatException(
                $"The XLSX part '{part}' has a single XML node (a tag, a text or a comment) of more than {MaxNodeChars} characters; no cell holds that much, so the file is refused.");
        }
    }

    private void Begin(State state)
    {
        _state = state;
        _length = 0;
        _quote = '\0';
        (_beforeLast, _last) = ('\0', '\0');
    }
}
