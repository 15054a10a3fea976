using System.IO.Compression;
using Analysis.Application.Datasets;

namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// What a ZIP may inflate to: a total over every part read, and a ratio per part. Each part is admitted on the
/// sizes its central-directory record declares before a byte is inflated, and its bytes are counted as they are
/// inflated, so a record that lies about its size is caught too. Nothing is inflated past the bound, so a ZIP bomb
/// costs at most the bound in CPU and a buffer in memory; and no XML node past <see cref="XmlNodeBound.MaxNodeChars"/>
/// reaches the XML reader, which holds a node whole.
/// </summary>
internal sealed class ZipBudget(long maxUncompressedBytes, int maxCompressionRatio)
{
    /// <summary>Parts smaller than this are not held to the ratio: a short XML part compresses far better than data.</summary>
    private const long RatioGraceBytes = 1 << 20;

    public long MaxUncompressedBytes { get; } = maxUncompressedBytes;

    public long Used { get; private set; }

    /// <summary>Refuses, from their declared sizes, parts that together or alone break the bounds.</summary>
    public void Admit(params ZipArchiveEntry?[] entries)
    {
        long declared = 0;
        foreach (var entry in entries)
        {
            if (entry is null)
            {
                continue;
            }

            declared += entry.Length;
            if (entry.Length > RatioGraceBytes && entry.Length > entry.CompressedLength * maxCompressionRatio)
            {
                throw new DatasetFormatException(
                    $"The XLSX part '{entry.FullName}' would inflate {entry.Length / Math.Max(1, entry.CompressedLength)} times " +
                    $"(more than {maxCompressionRatio} is refused as a likely ZIP bomb).");
            }
        }

        if (Used + declared > MaxUncompressedBytes)
        {
            throw TooLarge();
        }
    }

    /// <summary>
    /// The part's inflated bytes, counted against its declared size and the total (<paramref name="again"/>: a part
    /// read whole once already, inflated again for a second pass, held to its declared size but not counted twice).
    /// </summary>
    public Stream Open(ZipArchiveEntry entry, bool again = false)
    {
        if (!again)
        {
            Admit(entry);
        }

        return new CountingStream(entry.Open(), entry, again ? null : this);
    }

    private void Consume(int bytes)
    {
        Used += bytes;
        if (Used > MaxUncompressedBytes)
        {
            throw TooLarge();
        }
    }

    private DatasetFormatException TooLarge() =>
        new($"The XLSX file inflates to more than {MaxUncompressedBytes} bytes (the limit); it is refused as a likely ZIP bomb.");

    private sealed class CountingStream(Stream inner, ZipArchiveEntry entry, ZipBudget? budget) : Stream
    {
        private readonly XmlNodeBound _nodes = new(entry.FullName);
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _read += n;
            if (_read > entry.Length)
            {
                throw new DatasetFormatException(
                    $"The XLSX part '{entry.FullName}' inflates to more than the {entry.Length} bytes its ZIP record declares; the file is refused.");
            }

            budget?.Consume(n);
            _nodes.Scan(buffer[..n]);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
