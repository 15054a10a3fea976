using Microsoft.Extensions.Options;

namespace Analysis.Tests.Api;

/// <summary>Every configuration section is bound to its options class and checked when the host starts.</summary>
public sealed class ConfigurationTests
{
    [TestCase("Analysis:LeaseSeconds", "1", "Analysis:LeaseSeconds must be at least 3.")]
    [TestCase("Analysis:MaxRows", "0", "Analysis:MaxDatasetBytes, MaxRows and MaxColumns must be positive.")]
    [TestCase("Analysis:RetentionDays", "-1", "Analysis:RetentionDays must be 0 (keep forever) or more.")]
    [TestCase("Polling:HeartbeatSeconds", "0", "Polling:HeartbeatSeconds must be from 1 to 3600.")]
    [TestCase("Polling:StatusBodyCacheSize", "-5", "Polling:VersionMapCapacity and Polling:StatusBodyCacheSize must not be negative.")]
    [TestCase("RateLimiting:StatusPermitsPerSecond", "-1", "RateLimiting:StatusPermitsPerSecond must be 0 (off) or more.")]
    public void Start_WhenASettingIsInvalid_FailsNamingIt(string key, string value, string message)
    {
        using var factory = new ApiFactory(new() { [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.That(failure!.Failures, Does.Contain(message));
    }

    [Test]
    public void Start_WhenTheProviderIsUnknown_Fails()
    {
        using var factory = new ApiFactory(new() { ["Database:Provider"] = "Oracle" });

        var failure = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.That(failure!.Message, Does.Contain("Database:Provider"));
    }
}
