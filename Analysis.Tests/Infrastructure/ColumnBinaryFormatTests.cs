using Analysis.Infrastructure.Datasets;

namespace Analysis.Tests.Infrastructure;

public sealed class ColumnBinaryFormatTests
{
    private static DataColumn RoundTrip(DataColumn column, ColumnType type) =>
        ColumnBinaryFormat.Read(ColumnBinaryFormat.Write(column), new ColumnSchema(column.Name, type, column.MissingCount), column.Length);

    [Test]
    public void Numeric_RoundTripsBitForBit()
    {
        double[] values = [1.5, double.NaN, -0.0, double.Epsilon, 1e308, -123.456];

        var restored = (NumericColumn)RoundTrip(new NumericColumn("x", values), ColumnType.Numeric);

        Assert.That(restored.Values.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(values.Select(BitConverter.DoubleToInt64Bits)));
        Assert.That(restored.Name, Is.EqualTo("x"));
    }

    [Test]
    public void Numeric_TakesEightBytesPerValue() =>
        Assert.That(ColumnBinaryFormat.Write(new NumericColumn("x", new double[1000])), Has.Length.EqualTo(8000));

    [TestCase(2)]
    [TestCase(300)]
    [TestCase(70_000)]
    public void Categorical_RoundTripsWithMissing_InEveryCodeWidth(int levelCount)
    {
        var levels = Enumerable.Range(0, levelCount).Select(i => $"L{i:00000}ü").ToArray();
        int[] codes = [levelCount - 1, 0, -1, levelCount / 2, 1];

        var restored = (CategoricalColumn)RoundTrip(new CategoricalColumn("g", codes, levels), ColumnType.Categorical);

        Assert.That(restored.Codes, Is.EqualTo(codes));
        Assert.That(restored.Levels, Is.EqualTo(levels));
    }

    [Test]
    public void Read_WhenLengthDoesNotMatchRows_Throws() =>
        Assert.Throws<InvalidDataException>(() =>
            ColumnBinaryFormat.Read(new byte[16], new ColumnSchema("x", ColumnType.Numeric, 0), 3));

    [Test]
    public void Numeric_MostlyMissing_IsStoredSparse_AndReadBackDense()
    {
        var values = Enumerable.Repeat(double.NaN, 1000).ToArray();
        values[3] = 1.5;
        values[999] = -2;
        var column = new NumericColumn("x", values);

        var bytes = ColumnBinaryFormat.Write(column);
        var restored = (NumericColumn)RoundTrip(column, ColumnType.Numeric);

        Assert.Multiple(() =>
        {
            Assert.That(bytes, Has.Length.EqualTo(5 + (2 * 12)), "present values only");
            Assert.That(ColumnBinaryFormat.SizeOf(column), Is.EqualTo(bytes.Length));
            Assert.That(restored.Values, Is.EqualTo(values));
        });
    }

    [Test]
    public void Numeric_AllMissing_TakesFiveBytes() =>
        Assert.That(ColumnBinaryFormat.Write(new NumericColumn("x", Enumerable.Repeat(double.NaN, 100_000).ToArray())), Has.Length.EqualTo(5));

    [Test]
    public void Categorical_WithValuesPastTheKeptLevels_RoundTrips()
    {
        var levels = Enumerable.Range(0, CategoricalColumn.MaxKeptLevels).Select(i => $"id{i:0000}").ToArray();
        int[] codes = [0, CategoricalColumn.BeyondLevelsCode, -1, 1000, CategoricalColumn.BeyondLevelsCode];
        var column = new CategoricalColumn("id", codes, levels);

        var restored = (CategoricalColumn)RoundTrip(column, ColumnType.Categorical);

        Assert.Multiple(() =>
        {
            Assert.That(restored.Codes, Is.EqualTo(codes));
            Assert.That(restored.HasMoreLevels, Is.True);
            Assert.That(restored.MissingCount, Is.EqualTo(1), "a value past the levels is present, not missing");
            Assert.That(ColumnBinaryFormat.SizeOf(column), Is.EqualTo(ColumnBinaryFormat.Write(column).Length));
        });
    }

    [TestCase(10)]
    [TestCase(3_000_000)]
    public void WriteParts_JoinedAreTheWholeEncoding(int rows)
    {
        var random = new Random(rows);
        var column = new NumericColumn("x", [.. Enumerable.Range(0, rows).Select(_ => random.NextDouble())]);

        var parts = ColumnBinaryFormat.WriteParts(column, 4 << 20).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(parts.SelectMany(p => p), Is.EqualTo(ColumnBinaryFormat.Write(column)));
            Assert.That(parts, Has.All.Length.LessThanOrEqualTo(4 << 20));
            Assert.That(parts, Has.Count.EqualTo(((rows * 8) + (4 << 20) - 1) / (4 << 20)));
        });
    }

    /// <summary>
    /// Reads the rows of <paramref name="sample"/> from the column's stored parts (cut at <paramref name="partBytes"/>)
    /// and counts the parts fetched.
    /// </summary>
    private static async Task<(DataColumn Column, List<int> Fetched)> ReadRowsAsync(
        DataColumn column, ColumnType type, int[] sample, int partBytes)
    {
        var parts = ColumnBinaryFormat.WriteParts(column, partBytes).ToList();
        var fetched = new List<int>();
        var reader = new ColumnPartsReader([.. parts.Select(p => p.Length)], (i, _) =>
        {
            fetched.Add(i);
            return Task.FromResult<byte[]?>(parts[i]);
        });
        var read = await ColumnBinaryFormat.ReadRowsAsync(
            reader, new ColumnSchema(column.Name, type, column.MissingCount), column.Length, sample, CancellationToken.None);
        return (read, fetched);
    }

    private static readonly int[] Sample = [0, 1, 7, 8, 333, 500, 998, 999];

    // Parts of 8 bytes hold one value each (the writer cuts a dense column at multiples of 8, so a value never
    // straddles two parts; the sparse and categorical cases below are cut at odd sizes, where values and names do).
    [TestCase(8)]
    [TestCase(4096)]
    public async Task ReadRows_Numeric_TakesTheSampledValues_FromThePartsTheyLieIn(int partBytes)
    {
        var values = Enumerable.Range(0, 1000).Select(i => i % 10 == 3 ? double.NaN : (i * 1.25) - 7).ToArray();
        var column = new NumericColumn("x", values);

        var (read, fetched) = await ReadRowsAsync(column, ColumnType.Numeric, Sample, partBytes);

        Assert.Multiple(() =>
        {
            Assert.That(((NumericColumn)read).Values, Is.EqualTo(Sample.Select(r => values[r])));
            Assert.That(fetched, Is.Ordered.Ascending.And.Unique, "each part at most once, forward");
            if (partBytes == 8)
            {
                Assert.That(fetched, Has.Count.EqualTo(Sample.Length), "only the parts holding a sampled value");
            }
        });
    }

    [TestCase(11)]
    [TestCase(4096)]
    public async Task ReadRows_SparseNumeric_TakesTheSampledValues(int partBytes)
    {
        var values = Enumerable.Repeat(double.NaN, 1000).ToArray();
        values[7] = 1.5;
        values[400] = -3;
        values[999] = 2e300;
        var column = new NumericColumn("x", values);
        Assert.That(ColumnBinaryFormat.SizeOf(column), Is.LessThan(8000), "stored sparse");

        var (read, _) = await ReadRowsAsync(column, ColumnType.Numeric, Sample, partBytes);

        Assert.That(((NumericColumn)read).Values, Is.EqualTo(Sample.Select(r => values[r])));
    }

    [TestCase(2, 9)]
    [TestCase(300, 11)]
    [TestCase(70_000, 4096)]
    public async Task ReadRows_Categorical_TakesTheSampledCodes_InEveryCodeWidth(int levelCount, int partBytes)
    {
        var levels = Enumerable.Range(0, levelCount).Select(i => $"L{i:00000}ü").ToArray();
        var codes = Enumerable.Range(0, 1000).Select(i => i % 9 == 0 ? -1 : i * 7919 % levelCount).ToArray();
        var column = new CategoricalColumn("g", codes, levels);

        var (read, _) = await ReadRowsAsync(column, ColumnType.Categorical, Sample, partBytes);
        var categorical = (CategoricalColumn)read;

        Assert.Multiple(() =>
        {
            Assert.That(categorical.Codes, Is.EqualTo(Sample.Select(r => codes[r])));
            Assert.That(categorical.Levels, Is.EqualTo(levels));
        });
    }

    [Test]
    public async Task ReadRows_Categorical_WithValuesPastTheKeptLevels()
    {
        var levels = Enumerable.Range(0, CategoricalColumn.MaxKeptLevels).Select(i => $"id{i:0000}").ToArray();
        var codes = Enumerable.Range(0, 1000).Select(i => i % 3 == 0 ? CategoricalColumn.BeyondLevelsCode : i).ToArray();

        var (read, _) = await ReadRowsAsync(new CategoricalColumn("id", codes, levels), ColumnType.Categorical, Sample, 100);

        Assert.That(((CategoricalColumn)read).Codes, Is.EqualTo(Sample.Select(r => codes[r])));
    }

    [Test]
    public void ReadRows_AMissingOrShortPart_OrASampleOutOfOrder_IsAnError()
    {
        var column = new NumericColumn("x", [.. Enumerable.Range(0, 100).Select(i => (double)i)]);
        var schema = new ColumnSchema("x", ColumnType.Numeric, 0);
        var parts = ColumnBinaryFormat.WriteParts(column, 80).ToList();
        int[] lengths = [.. parts.Select(p => p.Length)];

        Assert.Multiple(() =>
        {
            var missing = new ColumnPartsReader(lengths, (i, _) => Task.FromResult(i == 5 ? null : parts[i]));
            Assert.ThrowsAsync<InvalidDataException>(() => ColumnBinaryFormat.ReadRowsAsync(missing, schema, 100, [1, 55], CancellationToken.None));

            var shortPart = new ColumnPartsReader(lengths, (i, _) => Task.FromResult<byte[]?>(parts[i][..^8]));
            Assert.ThrowsAsync<InvalidDataException>(() => ColumnBinaryFormat.ReadRowsAsync(shortPart, schema, 100, [1], CancellationToken.None));

            var tooFewRows = new ColumnPartsReader(lengths, (i, _) => Task.FromResult<byte[]?>(parts[i]));
            Assert.ThrowsAsync<InvalidDataException>(() => ColumnBinaryFormat.ReadRowsAsync(tooFewRows, schema, 101, [1], CancellationToken.None));

            var whole = new ColumnPartsReader(lengths, (i, _) => Task.FromResult<byte[]?>(parts[i]));
            Assert.ThrowsAsync<ArgumentException>(() => ColumnBinaryFormat.ReadRowsAsync(whole, schema, 100, [5, 3], CancellationToken.None));
            Assert.ThrowsAsync<ArgumentException>(() => ColumnBinaryFormat.ReadRowsAsync(whole, schema, 100, [100], CancellationToken.None));
        });
    }
}
