using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Analysis.Infrastructure.Persistence;

public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
