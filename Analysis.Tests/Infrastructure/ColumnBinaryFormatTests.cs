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
}
