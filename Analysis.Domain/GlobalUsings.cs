// What most of the domain's files use: the column-oriented dataset and the statistics the analyses are built on.
global using Analysis.Domain.Datasets;
global using Analysis.Domain.Statistics;
