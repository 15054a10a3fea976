namespace Analysis.Api.Errors;

/// <summary>The request body (or the dataset in it) is over the configured limit: 413.</summary>
public sealed class PayloadTooLargeException(string message) : Exception(message);

/// <summary>The create request is neither multipart/form-data nor JSON: 415.</summary>
public sealed class UnsupportedMediaTypeException(string message) : Exception(message);
