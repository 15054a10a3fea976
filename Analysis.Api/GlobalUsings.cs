// What most of the web layer's files use: the wire contracts, the caller's owner, the shared options.
global using Analysis.Api.Authentication;
global using Analysis.Api.Contracts;
global using Analysis.Application.Common;
global using Microsoft.Extensions.Options;
