// What most of the infrastructure's files use: EF Core, the ports it implements, the aggregate and the dataset.
global using Analysis.Application.Abstractions;
global using Analysis.Domain.Datasets;
global using Analysis.Domain.Sessions;
global using Microsoft.EntityFrameworkCore;
