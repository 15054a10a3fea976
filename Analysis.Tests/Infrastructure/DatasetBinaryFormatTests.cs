using Analysis.Domain.Datasets;
using Analysis.Infrastructure.Datasets;

namespace Analysis.Tests.Infrastructure;

public sealed class DatasetBinaryFormatTests
{
    [Test]
    public void WriteThenRead_RestoresEveryColumnExactly()
    {
        var levels300 = Enumerable.Range(0, 300).Select(i => $"L{i:000}").ToArray();
        var original = new Dataset([
            new NumericColumn("x", [1.5, double.NaN, -0.0, double.Epsilon, 1e308]),
            new CategoricalColumn("g", [0, -1, 1, 1, 0], ["a", "ü"]),
            new CategoricalColumn("wide", [299, 0, -1, 150, 7], levels300),
        ]);

        var restored = DatasetBinaryFormat.Read(DatasetBinaryFormat.Write(original));

        Assert.Multiple(() =>
        {
            Assert.That(restored.RowCount, Is.EqualTo(5));
            Assert.That(((NumericColumn)restored.Columns[0]).Values, Is.EqualTo(((NumericColumn)original.Columns[0]).Values));
            Assert.That(BitConverter.DoubleToInt64Bits(((NumericColumn)restored.Columns[0]).Values[2]), Is.EqualTo(BitConverter.DoubleToInt64Bits(-0.0)));
            Assert.That(((CategoricalColumn)restored.Columns[1]).Codes, Is.EqualTo(new[] { 0, -1, 1, 1, 0 }));
            Assert.That(((CategoricalColumn)restored.Columns[1]).Levels, Is.EqualTo(new[] { "a", "ü" }));
            Assert.That(((CategoricalColumn)restored.Columns[2]).Codes, Is.EqualTo(new[] { 299, 0, -1, 150, 7 }));
            Assert.That(restored.Columns.Select(c => c.Name), Is.EqualTo(new[] { "x", "g", "wide" }));
        });
    }

    [Test]
    public void Write_NumericColumn_TakesEightBytesPerValue()
    {
        var bytes = DatasetBinaryFormat.Write(new Dataset([new NumericColumn("x", new double[1000])]));

        Assert.That(bytes, Has.Length.EqualTo(12 + 4 + 1 + 1 + 8000));
    }

    [Test]
    public void Read_WhenNotADataset_Throws() =>
        Assert.Throws<InvalidDataException>(() => DatasetBinaryFormat.Read(new byte[16]));
}
