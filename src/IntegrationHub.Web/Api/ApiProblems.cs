using IntegrationHub.Configuration;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Web.Api;

/// <summary>RFC 9457 problem answers that name the field at fault.</summary>
public static class ApiProblems
{
    public static IResult Validation(IReadOnlyList<ValidationProblem> problems, string title = "The request is invalid; nothing was changed.") =>
        Results.ValidationProblem(
            problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            detail: string.Join(" ", problems.Select(p => $"{p.Field}: {p.Message}")),
            title: title);

    public static IResult Validation(string field, string message) => Validation([new ValidationProblem(field, message)]);

    public static IResult NotFound(string detail) => Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult Conflict(string detail) => Results.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
}
