using Analysis.Domain.Datasets;
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
}
