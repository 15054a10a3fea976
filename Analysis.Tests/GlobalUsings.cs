// What most test files use: HTTP and JSON bodies, the dataset and the aggregate, the test host's services.
global using System.Net;
global using System.Text.Json.Nodes;
global using Analysis.Domain.Datasets;
global using Analysis.Domain.Sessions;
global using Microsoft.Extensions.DependencyInjection;
