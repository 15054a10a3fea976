namespace Analysis.Infrastructure.Datasets.Formats;

/// <summary>
/// A read-only view of a seekable stream from <c>start</c> to its end, positioned from 0: a ZIP's or a Parquet
/// footer's offsets count from the file's first byte, which need not be the stream's.
/// </summary>
internal sealed class SubStream(Stream inner, long start) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => inner.Length - start;

    public override long Position
    {
        get => inner.Position - start;
        set => inner.Position = start + value;
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            SeekOrigin.End => Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };

        // As FileStream and MemoryStream do: ZipArchive probes a short file this way and expects an IOException.
        Position = target >= 0 ? target : throw new IOException("An attempt was made to move the position before the beginning of the stream.");
        return target;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
