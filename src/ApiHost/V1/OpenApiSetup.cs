using Leadline.ApiHost.Convoso;
using Leadline.Grains.Leads;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Leadline.ApiHost.V1;

/// <summary>
/// The OpenAPI document of /v1 at <see cref="DocumentPath"/>, from ASP.NET Core's built-in generator. Each
/// operation's parameters are written from its <see cref="ApiEndpoint"/> metadata — the same list the
/// pipeline uses for "ignored" — as query parameters and as the form body's fields (both are accepted).
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/v1/openapi.json";

    public static IServiceCollection AddV1OpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description =>
                description.ActionDescriptor.EndpointMetadata.OfType<ApiEndpoint>().Any();
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Leadline /v1",
                    Version = "1",
                    Description = "Convoso-compatible lead API. Every endpoint takes GET or POST; parameters in the query " +
                        "string, a form body or a flat JSON object (the body wins). Flags take " + ApiFlags.Accepted + ". " +
                        "Refusals are {\"success\":false,\"code\":N,\"text\":…}: HTTP 200 on Convoso-dialect endpoints, " +
                        "REST statuses on the hopper and workflow families; 413, 429 and 503 keep their status everywhere.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiEndpoint>().FirstOrDefault() is { } endpoint)
                    Describe(operation, endpoint);
                return Task.CompletedTask;
            });
        });

    public static void MapV1OpenApi(this WebApplication app) => app.MapOpenApi(DocumentPath.Replace(DocumentName, "{documentName}"));

    private static void Describe(OpenApiOperation operation, ApiEndpoint endpoint)
    {
        operation.Summary = endpoint.Summary;
        operation.Description = (endpoint.Dialect == ApiDialect.Convoso ? "Convoso dialect: refusals are HTTP 200. " : "REST statuses. ")
            + $"Token scope: {endpoint.Scope}."
            + (endpoint.Aliases.Count > 0 ? " Also served at: " + string.Join(", ", endpoint.Aliases.Select(a => "/v1/" + a)) + "." : "")
            + (endpoint.TakesLeadFields ? " Also takes every lead field (" + string.Join(", ", LeadFieldCatalog.Standard.Select(f => f.Name)) + ") and the account's custom fields." : "");
        operation.Parameters = [Parameter(new ApiParameter(ApiRequest.AuthToken, ApiParameterType.Text, "API token", Required: true)),
            .. endpoint.Parameters.Select(Parameter)];
        operation.RequestBody = null;
        operation.Responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = endpoint.ExampleAnswer is null ? "success, or a refusal in the Convoso dialect" : "e.g. " + endpoint.ExampleAnswer,
            },
            ["413"] = new OpenApiResponse { Description = "body too large (4013)" },
            ["429"] = new OpenApiResponse { Description = "rate limit (4029), Retry-After" },
            ["503"] = new OpenApiResponse { Description = "storage or cluster unavailable (5030), Retry-After" },
        };
    }

    private static IOpenApiParameter Parameter(ApiParameter parameter) => new OpenApiParameter
    {
        Name = parameter.Name,
        In = ParameterLocation.Query,
        Required = parameter.Required,
        Description = parameter.Description,
        Schema = new OpenApiSchema
        {
            Type = parameter.Type switch
            {
                ApiParameterType.Integer or ApiParameterType.Id => JsonSchemaType.Integer,
                ApiParameterType.Number => JsonSchemaType.Number,
                _ => JsonSchemaType.String,
            },
            Format = parameter.Type switch { ApiParameterType.Date => "date", ApiParameterType.Id => "int64", _ => null },
            Description = parameter.Type == ApiParameterType.Flag ? ApiFlags.Accepted : null,
        },
    };
}
