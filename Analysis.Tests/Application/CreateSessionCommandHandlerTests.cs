using System.Text.Json;
using Analysis.Application.Abstractions;
using Analysis.Application.Common;
using Analysis.Application.Datasets;
using Analysis.Application.Sessions.Commands.CreateSession;
using Analysis.Application.Sessions.Plans;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Analysis.Tests.Application;

public sealed class CreateSessionCommandHandlerTests
{
    private Mock<IDatasetReader> _reader = null!;
    private Mock<IAnalysisSessionRepository> _repository = null!;
    private CreateSessionCommandHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _reader = new Mock<IDatasetReader>();
        _reader.Setup(r => r.OutlineAsync(It.IsAny<Stream>(), It.IsAny<string?>(), It.IsAny<CancellationToken>())).ReturnsAsync(new DatasetOutline(',', 3, 21));
        _reader.Setup(r => r.ReadAsync(It.IsAny<Stream>(), It.IsAny<DatasetOutline>(), It.IsAny<DatasetLimits>(), It.IsAny<CancellationToken>(), It.IsAny<MissingValues?>()))
            .ReturnsAsync(TestData.Sleep());
        _repository = new Mock<IAnalysisSessionRepository>();
        _handler = new CreateSessionCommandHandler(
            new CreateSessionCommandValidator(), new AnalysisPlanParser(AnalysisTypeRegistry.BuiltIn), new AnalysisPlanValidator(AnalysisTypeRegistry.BuiltIn, TestData.Options()),
            _reader.Object, _repository.Object, new Mock<IDatasetRepository>().Object, new Mock<IDatasetQueries>().Object, new Mock<IDatasetStore>().Object,
            new Mock<ISessionQueries>().Object, TestData.Options(), Microsoft.Extensions.Options.Options.Create(new QuotaOptions()),
            new MemoryBudget(TestData.Options()),
            new FakeTimeProvider(), NullLogger<CreateSessionCommandHandler>.Instance);
    }

    /// <summary>The stored plan's specs, as a worker builds them from its entries.</summary>
    private static List<AnalysisSpec> Built(AnalysisSession session) =>
        [.. session.Plan.Select(entry => AnalysisTypeRegistry.BuiltIn.Build(entry, session.Dataset))];

    private static CreateSessionCommand Command(string analysesJson, string? name = "study") =>
        new(TestData.Owner, name, JsonDocument.Parse(analysesJson).RootElement.Clone(), new MemoryStream([1]), "dataset");

    private async Task<IReadOnlyDictionary<string, string[]>> ErrorsOf(CreateSessionCommand command)
    {
        var ex = Assert.ThrowsAsync<RequestValidationException>(() => _handler.HandleAsync(command, CancellationToken.None))!;
        _repository.Verify(r => r.AddAsync(It.IsAny<AnalysisSession>(), It.IsAny<Dataset>(), It.IsAny<SessionAdmission>(), It.IsAny<CancellationToken>()), Times.Never);
        return await Task.FromResult(ex.Errors);
    }

    [Test]
    public async Task HandleAsync_WhenValid_StoresPendingSessionAndWakesWorker()
    {
        AnalysisSession? stored = null;
        _repository.Setup(r => r.AddAsync(It.IsAny<AnalysisSession>(), It.IsAny<Dataset>(), It.IsAny<SessionAdmission>(), It.IsAny<CancellationToken>()))
            .Callback<AnalysisSession, Dataset, SessionAdmission, CancellationToken>((s, _, _, _) => stored = s);

        var result = await _handler.HandleAsync(Command("""[{"type":"descriptive"}]"""), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo("pending"));
            Assert.That(stored, Is.Not.Null);
            Assert.That(result.SessionId, Is.EqualTo(stored!.Id));
            Assert.That(stored.Name, Is.EqualTo("study"));
            Assert.That(stored.Dataset.Rows, Is.EqualTo(20));
            Assert.That(Built(stored).Single(), Is.InstanceOf<Analysis.Domain.Analyses.Descriptive.DescriptiveSpec>());
        });
    }

    [Test]
    public async Task HandleAsync_WhenDescriptiveHasNoColumns_DefaultsToEveryNumericColumn()
    {
        AnalysisSession? stored = null;
        _repository.Setup(r => r.AddAsync(It.IsAny<AnalysisSession>(), It.IsAny<Dataset>(), It.IsAny<SessionAdmission>(), It.IsAny<CancellationToken>()))
            .Callback<AnalysisSession, Dataset, SessionAdmission, CancellationToken>((s, _, _, _) => stored = s);

        await _handler.HandleAsync(Command("""[{"type":"descriptive"}]"""), CancellationToken.None);

        Assert.That(((Analysis.Domain.Analyses.Descriptive.DescriptiveSpec)Built(stored!)[0]).Columns, Is.EqualTo(new[] { "extra" }));
    }

    [Test]
    public async Task HandleAsync_WhenPlanHasShapeErrors_ReportsEachByPath()
    {
        var errors = await ErrorsOf(Command("""
            [{"type":"descriptive","columns":"extra"},
             {"type":"nonsense"},
             {"colums":["extra"],"type":"descriptive"},
             {"type":"ttest","groupBy":"group"}]
            """));

        Assert.Multiple(() =>
        {
            Assert.That(errors["analyses[0].columns"], Is.EqualTo(new[] { "Must be an array of column names." }));
            Assert.That(errors["analyses[1].type"][0], Does.StartWith("Unknown analysis type 'nonsense'"));
            Assert.That(errors["analyses[2].colums"], Is.EqualTo(new[] { "Unknown field 'colums'." }));
            Assert.That(errors["analyses[3].column"], Is.EqualTo(new[] { "Required: the numeric column to test." }));
        });
    }

    [Test]
    public async Task HandleAsync_WhenColumnsDoNotFitTheData_NamesTheProblem()
    {
        var errors = await ErrorsOf(Command("""[{"type":"descriptive","columns":["extra","group","nope"]}]"""));

        Assert.Multiple(() =>
        {
            Assert.That(errors["analyses[0].columns[1]"], Is.EqualTo(new[] { "Column 'group' is categorical; this role needs a numeric column." }));
            Assert.That(errors["analyses[0].columns[2]"], Is.EqualTo(new[] { "Column 'nope' does not exist." }));
            Assert.That(errors, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task HandleAsync_WhenEveryTypeIsWellFormed_StoresThePlanInOrder()
    {
        AnalysisSession? stored = null;
        _repository.Setup(r => r.AddAsync(It.IsAny<AnalysisSession>(), It.IsAny<Dataset>(), It.IsAny<SessionAdmission>(), It.IsAny<CancellationToken>()))
            .Callback<AnalysisSession, Dataset, SessionAdmission, CancellationToken>((s, _, _, _) => stored = s);

        await _handler.HandleAsync(Command("""
            [{"type":"descriptive"},{"type":"ttest","column":"extra","groupBy":"group"},{"type":"anova","column":"extra","groupBy":"size"},
             {"type":"chisquare","columns":["group","size"]},{"type":"ttest","column":"extra","mu":1}]
            """), CancellationToken.None);

        Assert.That(Built(stored!).Select(p => p.GetType().Name), Is.EqualTo(new[]
        {
            "DescriptiveSpec", "TwoSampleTTestSpec", "AnovaSpec", "ChiSquareSpec", "OneSampleTTestSpec",
        }));
    }

    [Test]
    public async Task HandleAsync_WhenCsvMalformed_ReportsItUnderTheDatasetField()
    {
        _reader.Setup(r => r.ReadAsync(It.IsAny<Stream>(), It.IsAny<DatasetOutline>(), It.IsAny<DatasetLimits>(), It.IsAny<CancellationToken>(), It.IsAny<MissingValues?>()))
            .ThrowsAsync(new DatasetFormatException("Line 3: 2 fields, but the header has 3."));

        var errors = await ErrorsOf(Command("""[{"type":"descriptive"}]"""));

        Assert.That(errors["dataset"], Is.EqualTo(new[] { "Line 3: 2 fields, but the header has 3." }));
    }

    [Test]
    public async Task HandleAsync_WhenPlanEmptyAndNameTooLong_ReportsBoth()
    {
        var errors = await ErrorsOf(Command("[]", name: new string('n', 201)));

        Assert.Multiple(() =>
        {
            Assert.That(errors["name"], Is.EqualTo(new[] { "At most 200 characters." }));
            Assert.That(errors["analyses"], Is.EqualTo(new[] { "The plan holds 1 to 100 analyses." }));
        });
    }

    [Test]
    public async Task HandleAsync_WhenNameIs200Emoji_CountsCharactersNotUtf16Units()
    {
        var name = string.Concat(Enumerable.Repeat("😀", 200));

        var result = await _handler.HandleAsync(Command("""[{"type":"descriptive"}]""", name), CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo("pending"));
    }

    [Test]
    public async Task HandleAsync_WhenNoDataset_SaysItIsRequired()
    {
        var command = new CreateSessionCommand(TestData.Owner, null, JsonDocument.Parse("""[{"type":"descriptive"}]""").RootElement, null, "csv");

        var errors = await ErrorsOf(command);

        Assert.Multiple(() =>
        {
            Assert.That(errors["csv"], Is.EqualTo(new[] { "Required: the CSV dataset (or 'datasetId', a stored dataset's id)." }));
            Assert.That(errors["datasetId"], Is.EqualTo(new[] { "Required: a stored dataset's id (or 'csv', the CSV dataset)." }));
        });
    }
}
