namespace Analysis.Api.Uploads;

/// <summary>The create request is neither multipart/form-data nor JSON: 415.</summary>
public sealed class UnsupportedMediaTypeException(string message) : Exception(message);
