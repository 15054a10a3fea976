namespace Analysis.Application.Common;

/// <summary>A folder the service writes to, whose disk <see cref="StorageSpace"/> watches.</summary>
public sealed record StorageFolder(StorageArea Area, string Path);
