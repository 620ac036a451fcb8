using IntegrationHub.Access;
using IntegrationHub.Storage;
using IntegrationHub.Web.Requests;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Web.Api;

/// <summary>Users, API keys (admins over every lab) and the audit log (admins, within their labs).</summary>
internal static class AccessApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Access").RequireAuthorization(HubPolicies.GlobalAdmin).WithMetadata(RequestBodyLimit.Configuration);
        users.MapGet("/", async (IAccessStore store, CancellationToken ct) =>
            (await store.ListUsersAsync(ct)).Select(u => new { u.UserName, role = u.Role.ToString(), labs = u.Labs.ToString(), u.Disabled, u.CreatedAt }))
            .WithName("ListUsers");

        users.MapPost("/", async (UserInput input, UserAccounts accounts, AuditTrail audit, HttpContext http, CancellationToken ct) =>
        {
            if (input.Parse(out var role, out var labs) is { } invalid)
            {
                return invalid;
            }

            if (await accounts.CreateUserAsync(input.UserName ?? "", input.Password ?? "", role, labs, ct) is { } problem)
            {
                return ApiProblems.Validation("user", problem);
            }

            // The user is created: nothing after this may fail. A header carries ASCII only, so the
            // name ("jürgen") is escaped in the Location, as a path segment.
            var userName = input.UserName!.Trim();
            await audit.RecordAsync(http.User, "user.created", null, $"user {userName}", $"{role}, labs {labs}", ct);
            return Results.Created($"/api/users/{Uri.EscapeDataString(userName)}", new { userName, role = role.ToString(), labs = labs.ToString() });
        }).WithName("CreateUser");

        users.MapPut("/{userName}", async (string userName, UserInput input, UserAccounts accounts, AuditTrail audit, HttpContext http, CancellationToken ct) =>
        {
            if (input.ParseChange(out var change) is { } invalid)
            {
                return invalid;
            }

            var result = await accounts.UpdateUserAsync(userName, change, ct);
            if (result.User is not { } user)
            {
                return result.NotFound ? ApiProblems.NotFound(result.Problem!) : ApiProblems.Validation("password", result.Problem!);
            }

            await audit.RecordAsync(http.User, "user.updated", null, $"user {user.UserName}", result.AuditDetail, ct);
            return Results.Ok(new { userName = user.UserName, role = user.Role.ToString(), labs = user.Labs.ToString(), disabled = user.Disabled, sessionsEnded = result.SessionsEnded });
        }).WithName("UpdateUser")
            .WithSummary("Changes the fields given (role, labs, disabled, password); a missing field stays as it is. A new password, role or labs, or disabling or enabling, ends the user's sessions.");

        var keys = api.MapGroup("/keys").WithTags("Access").RequireAuthorization(HubPolicies.GlobalAdmin).WithMetadata(RequestBodyLimit.Configuration);
        keys.MapGet("/", async (IAccessStore store, CancellationToken ct) =>
            (await store.ListApiKeysAsync(ct)).Select(k => new { k.Id, k.Name, k.Prefix, role = k.Role.ToString(), labs = k.Labs.ToString(), k.CreatedBy, k.CreatedAt, k.RevokedAt }))
            .WithName("ListApiKeys");

        keys.MapPost("/", async (ApiKeyInput input, UserAccounts accounts, AuditTrail audit, HttpContext http, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(input.Name))
            {
                return ApiProblems.Validation("name", "Name the key after the client that will use it.");
            }

            if (UserInput.ParseAccess(input.Role, input.Labs, out var role, out var labs) is { } invalid)
            {
                return invalid;
            }

            var (stored, key) = await accounts.CreateApiKeyAsync(input.Name, role, labs, http.User.Actor(), ct);
            await audit.RecordAsync(http.User, "apikey.created", null, $"key {stored.Id}", $"{stored.Name}: {role}, labs {labs}", ct);
            return Results.Created($"/api/keys/{stored.Id}", new { stored.Id, stored.Name, key, note = "The key is shown once; store it now." });
        }).WithName("CreateApiKey");

        keys.MapDelete("/{id:long}", async (long id, IAccessStore store, AuditTrail audit, TimeProvider time, HttpContext http, CancellationToken ct) =>
        {
            if (!await store.RevokeApiKeyAsync(id, time.GetUtcNow(), ct))
            {
                return ApiProblems.NotFound($"API key {id} does not exist or is already revoked.");
            }

            await audit.RecordAsync(http.User, "apikey.revoked", null, $"key {id}", null, ct);
            return Results.NoContent();
        }).WithName("RevokeApiKey");

        api.MapGet("/audit", async (long? before, int? limit, IAuditLog audit, HttpContext http, CancellationToken ct) =>
            await audit.ListAsync(http.User.LabScope().AsFilter(), before, limit ?? 100, ct))
            .RequireAuthorization(HubPolicies.Admin).WithTags("Access").WithName("ListAudit")
            .WithSummary("The audit log, newest first; admins of some labs see those labs' entries.");
    }
}
