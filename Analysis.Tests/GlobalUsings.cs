// What most test files use: HTTP and JSON bodies, the dataset and the aggregate, the test host's services, and the
// analysis types the tests run.
global using System.Net;
global using System.Text.Json.Nodes;
global using Analysis.Domain.Analyses;
global using Analysis.Domain.Analyses.Anova;
global using Analysis.Domain.Analyses.ChiSquare;
global using Analysis.Domain.Analyses.Correlation;
global using Analysis.Domain.Analyses.Descriptive;
global using Analysis.Domain.Analyses.Fisher;
global using Analysis.Domain.Analyses.Kruskal;
global using Analysis.Domain.Analyses.Levene;
global using Analysis.Domain.Analyses.Logistic;
global using Analysis.Domain.Analyses.MannWhitney;
global using Analysis.Domain.Analyses.Pairwise;
global using Analysis.Domain.Analyses.Regression;
global using Analysis.Domain.Analyses.Shapiro;
global using Analysis.Domain.Analyses.TTest;
global using Analysis.Domain.Analyses.Tukey;
global using Analysis.Domain.Analyses.Wilcoxon;
global using Analysis.Domain.Datasets;
global using Analysis.Domain.Sessions;
global using Microsoft.Extensions.DependencyInjection;
