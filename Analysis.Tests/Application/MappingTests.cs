using Analysis.Application;
using Analysis.Application.Sessions.Changes;
using Analysis.Application.Sessions.Queries.GetSessionDetails;
using Analysis.Application.Sessions.Queries.GetSessionStatus;
using Analysis.Application.Sessions.Queries.ListSessions;
using AutoMapper;
using Microsoft.Extensions.Time.Testing;

namespace Analysis.Tests.Application;

public sealed class MappingTests
{
    private MapperConfiguration _configuration = null!;
    private IMapper _mapper = null!;
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp()
    {
        _configuration = new MapperConfiguration(cfg => cfg.AddMaps(typeof(DependencyInjection).Assembly));
        _mapper = _configuration.CreateMapper();
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero));
    }

    private AnalysisSession Session()
    {
        var schema = new DatasetSchema(20, [
            new ColumnSchema("extra", ColumnType.Numeric, 1),
            new ColumnSchema("group", ColumnType.Categorical, 0),
        ]);
        return AnalysisSession.Create(TestData.Owner, "Sleep study", schema,
            [new DescriptiveSpec(["extra"]), new TwoSampleTTestSpec("extra", "group", null, false, 0.95)], _time);
    }

    [Test]
    public void Configuration_IsValid() => _configuration.AssertConfigurationIsValid();

    [TestCase(typeof(AnalysisSession), typeof(SessionStatusResponse))]
    [TestCase(typeof(AnalysisSession), typeof(SessionSummaryDto))]
    [TestCase(typeof(AnalysisSession), typeof(SessionDetailsDto))]
    [TestCase(typeof(AnalysisSession), typeof(SessionListItemDto))]
    [TestCase(typeof(DatasetSchema), typeof(DatasetDetailsDto))]
    [TestCase(typeof(ColumnSchema), typeof(ColumnDto))]
    [TestCase(typeof(SessionProgress), typeof(ProgressDto))]
    public void Map_EveryPair_Succeeds(Type source, Type destination)
    {
        object instance = source == typeof(AnalysisSession) ? Session()
            : source == typeof(DatasetSchema) ? Session().Dataset
            : source == typeof(ColumnSchema) ? Session().Dataset.Columns[0]
            : new SessionProgress(1, 2);

        Assert.That(_mapper.Map(instance, source, destination), Is.InstanceOf(destination));
    }

    [Test]
    public void Map_RunningSessionToStatus_FillsTheSummary()
    {
        var session = Session();
        _time.Advance(TimeSpan.FromSeconds(1));
        session.Start("w", TimeSpan.FromSeconds(30), _time);
        session.ReportProgress(1, 0, _time);

        var dto = _mapper.Map<SessionStatusResponse>(session);

        Assert.Multiple(() =>
        {
            Assert.That(dto.Status, Is.EqualTo("running"));
            Assert.That(PollingAdvice.VersionOf(session, _time.GetUtcNow()).Number, Is.EqualTo(session.Version));
            Assert.That(dto.Summary.SessionId, Is.EqualTo(session.Id));
            Assert.That(dto.Summary.Name, Is.EqualTo("Sleep study"));
            Assert.That(dto.Summary.Progress, Is.EqualTo(new ProgressDto(1, 2, 50)));
            Assert.That(dto.Summary.CurrentAnalysis, Is.EqualTo("ttest"));
            Assert.That(dto.Summary.Dataset, Is.EqualTo(new DatasetSizeDto(20, 2)));
            Assert.That(dto.Summary.StartedAt, Is.EqualTo(session.StartedAt));
            Assert.That(dto.Summary.CompletedAt, Is.Null);
            Assert.That(dto.Summary.Error, Is.Null);
            Assert.That(dto.Summary.Highlights, Is.Null, "highlights appear only once completed");
        });
    }

    [Test]
    public void Map_CompletedSession_CarriesHighlights()
    {
        var session = Session();
        session.Start("w", TimeSpan.FromSeconds(30), _time);
        session.Complete(["one", "two"], 1, _time);

        var dto = _mapper.Map<SessionStatusResponse>(session);

        Assert.That((dto.Summary.Highlights, dto.Summary.AnalysesFailed), Is.EqualTo((new[] { "one", "two" }, 1)));
    }

    [Test]
    public void Map_FailedSession_PutsReasonInError()
    {
        var session = Session();
        session.Start("w", TimeSpan.FromSeconds(30), _time);
        session.Fail("dataset unreadable", _time);

        Assert.That(_mapper.Map<SessionStatusResponse>(session).Summary.Error, Is.EqualTo("dataset unreadable"));
    }

    [Test]
    public void Map_SessionToDetails_NormalisesPlanAndNamesColumnTypes()
    {
        var dto = _mapper.Map<SessionDetailsDto>(Session());

        Assert.Multiple(() =>
        {
            Assert.That(dto.Dataset.Columns.Select(c => c.Type), Is.EqualTo(new[] { "numeric", "categorical" }));
            Assert.That(dto.Dataset.Columns[0], Is.EqualTo(new ColumnDto("extra", "numeric", 1)));
            Assert.That(dto.Analyses[1].Flag("equalVariance"), Is.False);
            Assert.That(dto.Analyses[1].Number("confidenceLevel"), Is.EqualTo(0.95));
            Assert.That(dto.Status, Is.EqualTo("pending"));
        });
    }
}
