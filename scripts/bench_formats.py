#!/usr/bin/env python3
"""XLSX and Parquet readers against the candidates (ADR-0020): 100,000 rows x 10 numeric columns.

Writes a throwaway console project to a temporary folder (outside the repository, so the repository's central
package versions and analyzers do not apply to it), referencing Analysis.Infrastructure and the candidate packages
at the versions NuGet serves here, and runs it in Release. Each line: the median and the best of 5 timed runs after
one warm-up, the bytes allocated by the last run, and "ok" when the values read sum to those written.

    python3 scripts/bench_formats.py            # keeps nothing; --keep prints the project folder and leaves it
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGES = {
    "MiniExcel": "1.47.1",
    "ExcelDataReader": "3.6.0",
    "DocumentFormat.OpenXml": "3.3.0",
    "Parquet.Net": "6.1.0",
    "ParquetSharp": "25.0.1.2",
}

PROJECT = """<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <ServerGarbageCollection>false</ServerGarbageCollection>
  </PropertyGroup>
  <ItemGroup>
%s
    <ProjectReference Include="%s" />
  </ItemGroup>
</Project>
"""

PROGRAM = r'''using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Analysis.Application.Datasets;
using Analysis.Infrastructure.Csv;
using Analysis.Infrastructure.Datasets.Formats;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ExcelDataReader;
using MiniExcelLibs;
using Parquet;
using Parquet.Schema;
using ParquetSharp;

System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance); // ExcelDataReader asks for code page 1252 even for XLSX
const int Rows = 100_000, Cols = 10;
var dir = Path.Combine(Path.GetTempPath(), "bench_formats_data");
Directory.CreateDirectory(dir);
var rnd = new Random(42);
var data = new double[Cols][];
for (var c = 0; c < Cols; c++) { data[c] = new double[Rows]; for (var r = 0; r < Rows; r++) data[c][r] = Math.Round(rnd.NextDouble() * 1000, 6); }

// XLSX as Excel writes it: shared strings for the header, <c r="A2"><v>…</v></c> cells.
var xlsxPath = Path.Combine(dir, "bench.xlsx");
using (var fs = File.Create(xlsxPath))
using (var zip = new ZipArchive(fs, ZipArchiveMode.Create))
{
    const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main", rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    void Put(string name, string text) { using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false)); w.Write(text); }
    Put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>");
    Put("_rels/.rels", $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
    Put("xl/workbook.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><workbook xmlns=\"{main}\" xmlns:r=\"{rel}\"><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
    Put("xl/_rels/workbook.xml.rels", $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"{rel}/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" Type=\"{rel}/styles\" Target=\"styles.xml\"/></Relationships>");
    Put("xl/styles.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><styleSheet xmlns=\"{main}\"><fonts count=\"1\"><font/></fonts><fills count=\"1\"><fill/></fills><borders count=\"1\"><border/></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\"/></cellStyleXfs><cellXfs count=\"1\"><xf numFmtId=\"0\" xfId=\"0\"/></cellXfs></styleSheet>");
    Put("xl/sharedStrings.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><sst xmlns=\"{main}\" count=\"{Cols}\" uniqueCount=\"{Cols}\">" + string.Concat(Enumerable.Range(0, Cols).Select(c => $"<si><t>c{c}</t></si>")) + "</sst>");
    using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
    sheet.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"{main}\" xmlns:r=\"{rel}\"><dimension ref=\"A1:J{Rows + 1}\"/><sheetData><row r=\"1\" spans=\"1:10\">");
    for (var c = 0; c < Cols; c++) sheet.Write($"<c r=\"{(char)('A' + c)}1\" t=\"s\"><v>{c}</v></c>");
    sheet.Write("</row>");
    for (var r = 0; r < Rows; r++)
    {
        sheet.Write($"<row r=\"{r + 2}\" spans=\"1:10\">");
        for (var c = 0; c < Cols; c++) sheet.Write($"<c r=\"{(char)('A' + c)}{r + 2}\"><v>{data[c][r].ToString("R", CultureInfo.InvariantCulture)}</v></c>");
        sheet.Write("</row>");
    }
    sheet.Write("</sheetData></worksheet>");
}

var csvPath = Path.Combine(dir, "bench.csv");
using (var w = new StreamWriter(csvPath))
{
    w.WriteLine(string.Join(",", Enumerable.Range(0, Cols).Select(c => $"c{c}")));
    for (var r = 0; r < Rows; r++) w.WriteLine(string.Join(",", Enumerable.Range(0, Cols).Select(c => data[c][r].ToString("R", CultureInfo.InvariantCulture))));
}

var parquetPath = Path.Combine(dir, "bench.parquet");
{
    var fields = Enumerable.Range(0, Cols).Select(c => new DataField<double>($"c{c}")).ToArray();
    await using var fs = File.Create(parquetPath);
    await using var writer = await Parquet.ParquetWriter.CreateAsync(new ParquetSchema(fields), fs);
    using var rg = writer.CreateRowGroup();
    for (var c = 0; c < Cols; c++) await rg.WriteAsync<double>(fields[c], data[c]);
}
Console.WriteLine($"files: xlsx {new FileInfo(xlsxPath).Length:N0} B, csv {new FileInfo(csvPath).Length:N0} B, parquet {new FileInfo(parquetPath).Length:N0} B");
using (var z = ZipFile.OpenRead(xlsxPath)) { var e = z.GetEntry("xl/worksheets/sheet1.xml")!; Console.WriteLine($"sheet1.xml {e.Length:N0} B inflated, {e.CompressedLength:N0} B deflated, ratio {(double)e.Length / e.CompressedLength:F1}"); }

var limits = new DatasetLimits(5_000_000, 1000, 50_000_000);
double Check(double[][] cols) { double s = 0; foreach (var col in cols) foreach (var v in col) s += v; return s; }
var expected = Check(data);

void Bench(string name, Func<double> run)
{
    var times = new List<double>(); long alloc = 0; double sum = 0;
    for (var i = 0; i < 6; i++)
    {
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        var a0 = GC.GetTotalAllocatedBytes(true); var sw = Stopwatch.StartNew();
        sum = run();
        sw.Stop(); var a = GC.GetTotalAllocatedBytes(true) - a0;
        if (i > 0) { times.Add(sw.Elapsed.TotalMilliseconds); alloc = a; }
    }
    times.Sort();
    Console.WriteLine($"{name,-44} median {times[times.Count / 2],7:F0} ms  min {times[0],7:F0} ms  allocated {alloc / 1048576.0,8:F1} MiB  {(Math.Abs(sum - expected) < 1e-3 ? "ok" : $"SUM MISMATCH {sum} vs {expected}")}");
}

double FromDataset(Analysis.Domain.Datasets.Dataset d) => Check(d.Columns.Select(c => ((Analysis.Domain.Datasets.NumericColumn)c).Values).ToArray());

Bench("CSV: SepDatasetReader (reference)", () => { using var f = File.OpenRead(csvPath); return FromDataset(new SepDatasetReader().Read(f, limits, CancellationToken.None)); });
Bench("XLSX: ZipArchive + XmlReader (ours)", () => { using var f = File.OpenRead(xlsxPath); return FromDataset(new XlsxDatasetReader().Read(f, limits)); });
Bench("XLSX: ExcelDataReader 3.6.0", () =>
{
    using var f = File.OpenRead(xlsxPath);
    using var reader = ExcelReaderFactory.CreateOpenXmlReader(f);
    var cols = Enumerable.Range(0, Cols).Select(_ => new List<double>(Rows)).ToArray();
    reader.Read();
    while (reader.Read()) for (var c = 0; c < Cols; c++) cols[c].Add(reader.GetDouble(c));
    return Check(cols.Select(l => l.ToArray()).ToArray());
});
Bench("XLSX: MiniExcel 1.47.1 (Query, dynamic rows)", () =>
{
    using var f = File.OpenRead(xlsxPath);
    var cols = Enumerable.Range(0, Cols).Select(_ => new List<double>(Rows)).ToArray();
    foreach (IDictionary<string, object> row in MiniExcel.Query(f, useHeaderRow: true))
    {
        var c = 0;
        foreach (var v in row.Values) cols[c++].Add(Convert.ToDouble(v, CultureInfo.InvariantCulture));
    }
    return Check(cols.Select(l => l.ToArray()).ToArray());
});
Bench("XLSX: DocumentFormat.OpenXml 3.3.0 (OpenXmlReader)", () =>
{
    using var doc = SpreadsheetDocument.Open(xlsxPath, false);
    var part = doc.WorkbookPart!.WorksheetParts.First();
    var cols = Enumerable.Range(0, Cols).Select(_ => new List<double>(Rows)).ToArray();
    using var reader = OpenXmlReader.Create(part);
    var rowIndex = 0; var c = 0;
    while (reader.Read())
    {
        if (reader.ElementType == typeof(Row) && reader.IsStartElement) { rowIndex++; c = 0; }
        else if (reader.ElementType == typeof(CellValue) && reader.IsStartElement && rowIndex > 1)
        {
            cols[c++].Add(double.Parse(reader.GetText(), CultureInfo.InvariantCulture));
        }
    }
    return Check(cols.Select(l => l.ToArray()).ToArray());
});
Bench("Parquet: Parquet.Net 6.1.0 (ours)", () => { using var f = File.OpenRead(parquetPath); return FromDataset(new ParquetDatasetReader().ReadAsync(f, limits).GetAwaiter().GetResult()); });
Bench("Parquet: ParquetSharp 25.0.1.2 (LogicalReader)", () =>
{
    using var file = new ParquetFileReader(parquetPath);
    var cols = Enumerable.Range(0, Cols).Select(_ => new List<double>(Rows)).ToArray();
    for (var g = 0; g < file.FileMetaData.NumRowGroups; g++)
    {
        using var rg = file.RowGroup(g);
        var n = checked((int)rg.MetaData.NumRows);
        for (var c = 0; c < Cols; c++) { using var col = rg.Column(c).LogicalReader<double>(); cols[c].AddRange(col.ReadAll(n)); }
    }
    return Check(cols.Select(l => l.ToArray()).ToArray());
});
Directory.Delete(dir, recursive: true);
'''


def main():
    folder = tempfile.mkdtemp(prefix="bench_formats_")
    try:
        references = "\n".join(f'    <PackageReference Include="{name}" Version="{version}" />' for name, version in PACKAGES.items())
        infrastructure = os.path.join(ROOT, "Analysis.Infrastructure", "Analysis.Infrastructure.csproj")
        with open(os.path.join(folder, "bench_formats.csproj"), "w") as f:
            f.write(PROJECT % (references, infrastructure))
        with open(os.path.join(folder, "Program.cs"), "w") as f:
            f.write(PROGRAM)
        return subprocess.call(["dotnet", "run", "-c", "Release", "--project", folder], cwd=folder)
    finally:
        if "--keep" in sys.argv:
            print(f"project kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
