// What most of the application's files use: the ports, the shared options and errors, and the session aggregate.
global using Analysis.Application.Abstractions;
global using Analysis.Application.Common;
global using Analysis.Domain.Analyses;
global using Analysis.Domain.Datasets;
global using Analysis.Domain.Sessions;
