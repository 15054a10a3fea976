namespace Analysis.Infrastructure.Datasets;

/// <summary>
/// A stored column's bytes (<see cref="ColumnBinaryFormat"/>) read forward, one stored part at a time: only the
/// current part is held, so a few values can be taken from a column of any length in the memory of one part, and a
/// part that holds none of them is not fetched. A value may straddle two parts; reading past <see cref="Length"/>
/// or going backwards is an error.
/// </summary>
public sealed class ColumnPartsReader
{
    private readonly long[] _starts; // the column offset where each part begins, and the column's length last
    private readonly Func<int, CancellationToken, Task<byte[]?>> _fetchPart;
    private byte[] _part = [];
    private int _partIndex = -1;

    /// <param name="partLengths">The stored parts' lengths, in order.</param>
    /// <param name="fetchPart">Reads part <c>i</c> (null when it is not stored).</param>
    public ColumnPartsReader(IReadOnlyList<int> partLengths, Func<int, CancellationToken, Task<byte[]?>> fetchPart)
    {
        ArgumentNullException.ThrowIfNull(partLengths);
        _starts = new long[partLengths.Count + 1];
        for (var i = 0; i < partLengths.Count; i++)
        {
            _starts[i + 1] = _starts[i] + partLengths[i];
        }

        _fetchPart = fetchPart;
    }

    /// <summary>The column's stored size: the sum of its parts' lengths.</summary>
    public long Length => _starts[^1];

    public long Position { get; private set; }

    /// <summary>Moves forward to <paramref name="offset"/> without reading what lies between.</summary>
    public void SkipTo(long offset)
    {
        if (offset < Position || offset > Length)
        {
            throw new InvalidDataException($"A stored column was read out of order (offset {offset} from {Position} of {Length}).");
        }

        Position = offset;
    }

    /// <summary>Fills <paramref name="destination"/> from the current position, fetching the parts it lies in.</summary>
    public async ValueTask ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (Position + destination.Length > Length)
        {
            throw new InvalidDataException($"A stored column ends at {Length} bytes, before the {destination.Length} bytes at {Position}.");
        }

        var done = 0;
        while (done < destination.Length)
        {
            if (_partIndex < 0 || Position >= _starts[_partIndex + 1])
            {
                await FetchPartHoldingPositionAsync(cancellationToken);
            }

            var at = (int)(Position - _starts[_partIndex]);
            var count = Math.Min(destination.Length - done, _part.Length - at);
            _part.AsMemory(at, count).CopyTo(destination[done..]);
            done += count;
            Position += count;
        }
    }

    private async Task FetchPartHoldingPositionAsync(CancellationToken cancellationToken)
    {
        // The last part that starts at or before the position and is not empty (Position < Length here).
        var index = Array.BinarySearch(_starts, 0, _starts.Length - 1, Position);
        index = index >= 0 ? index : ~index - 1;
        while (_starts[index + 1] == _starts[index])
        {
            index++;
        }

        _part = []; // the previous part is let go before the next is read
        var part = await _fetchPart(index, cancellationToken) ?? throw new InvalidDataException($"A stored column has no part {index}.");
        if (part.Length != _starts[index + 1] - _starts[index])
        {
            throw new InvalidDataException($"A stored column's part {index} has {part.Length} bytes, not {_starts[index + 1] - _starts[index]}.");
        }

        _part = part;
        _partIndex = index;
    }
}
