namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

/// <summary>How big the dataset is: its rows and its number of columns (the status summary's <c>dataset</c>).</summary>
public sealed record DatasetSizeDto(int Rows, int Columns);
