namespace Analysis.Api.Uploads;

/// <summary>The request body (or the dataset in it) is over the configured limit: 413.</summary>
public sealed class PayloadTooLargeException(string message) : Exception(message);
