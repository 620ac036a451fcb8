using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Web.Api;

/// <summary>
/// A request the framework refused while binding it (malformed JSON, a body too large) keeps the
/// status it was refused with. A query or route value that does not parse names the field as the
/// caller wrote it and the rule it broke, never the value (an MRN typed into an id is patient data).
/// </summary>
internal sealed partial class BadRequestProblemMap : IExceptionProblemMap
{
    public ProblemDetails? ProblemFor(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } bad =>
            new ProblemDetails { Status = bad.StatusCode, Title = "The request body is not valid JSON for this route.", Detail = json.Message },
        BadHttpRequestException bad when UnboundValue().Match(bad.Message) is { Success: true } unbound => Unreadable(bad.StatusCode, unbound.Groups["type"].Value, unbound.Groups["name"].Value),
        BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request is invalid; nothing was changed.", Detail = bad.Message },
        _ => null,
    };

    private static ProblemDetails Unreadable(int status, string type, string name)
    {
        var field = char.ToLowerInvariant(name[0]) + name[1..];
        var bare = type.StartsWith("Nullable<", StringComparison.Ordinal) ? type["Nullable<".Length..^1] : type.TrimEnd('?');
        var rule = bare switch
        {
            "long" or "int" or "Int64" or "Int32" => "must be a whole number (an id in the hub, not an MRN, a barcode or a bill number)",
            "DateTimeOffset" or "DateTime" => "must be an ISO 8601 date and time, like 2026-12-04T18:00:00Z",
            "bool" or "Boolean" => "must be true or false",
            "double" or "decimal" => "must be a number",
            _ => "must be one of the values this route documents",
        };
        return new ProblemDetails
        {
            Status = status,
            Title = $"The field '{field}' could not be read; nothing was changed.",
            Detail = $"{field} {rule}.",
            Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [$"{field} {rule}."] } },
        };
    }

    // The framework's wording for a value it could not convert: Failed to bind parameter "long? PatientId" from "DEMO-001".
    [GeneratedRegex("^Failed to bind parameter \"(?<type>[\\w.?<>]+) (?<name>\\w+)\" from \"")]
    private static partial Regex UnboundValue();
}
