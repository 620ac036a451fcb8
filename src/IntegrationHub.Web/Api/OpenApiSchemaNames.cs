using IntegrationHub.Configuration;
using Microsoft.AspNetCore.OpenApi;

namespace IntegrationHub.Web.Api;

/// <summary>Schema names the OpenAPI document keeps although the type behind them was renamed.</summary>
internal static class OpenApiSchemaNames
{
    /// <summary>
    /// <c>GET /api/labs</c> answered the lab domain's entity, published as <c>Lab</c>, before it read
    /// <see cref="LabSummary"/> through <see cref="ILabDirectory"/>: the same JSON keeps the same
    /// schema name, so generated clients keep their type.
    /// </summary>
    public static void Keep(OpenApiOptions options) => options.CreateSchemaReferenceId = type =>
        type.Type == typeof(LabSummary) ? "Lab" : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
}
