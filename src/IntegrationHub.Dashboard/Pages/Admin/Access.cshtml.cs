using IntegrationHub.Access;
using IntegrationHub.Storage;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Dashboard.Pages.Admin;

[Authorize(Policy = HubPolicies.GlobalAdmin)]
public sealed class AccessModel(IAccessStore store, UserAccounts accounts, AuditTrail audit, TimeProvider time) : DashboardPage
{
    public IReadOnlyList<HubUser> Users { get; private set; } = [];

    public IReadOnlyList<HubApiKey> Keys { get; private set; } = [];

    /// <summary>A lab picker over <see cref="AllLabs"/>.</summary>
    public LabPicker Picker(string id, string? form, LabScope? current) => new(id, form, current, AllLabs);

    /// <summary>Every lab, for the lab pickers.</summary>
    public IReadOnlyList<Configuration.LabSummary> AllLabs { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>A key just created: rendered in this answer only, never stored or redirected with.</summary>
    public string? NewKey { get; private set; }

    public string? NewKeyName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateUserAsync(string userName, string password, HubRole role, string[] labs, CancellationToken ct)
    {
        if (!TryScope(labs, out var scope))
        {
            return await ShowAsync(ct);
        }

        Error = await accounts.CreateUserAsync(userName ?? "", password ?? "", role, scope, ct);
        if (Error is null)
        {
            await audit.RecordAsync(User, "user.created", null, $"user {userName}", $"{role}, labs {scope}", ct);
            SetFlash($"User '{userName}' added.");
            return RedirectToPage();
        }

        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostUpdateUserAsync(string userName, HubRole role, string[] labs, bool disabled, string? password, CancellationToken ct)
    {
        if (!TryScope(labs, out var scope))
        {
            return await ShowAsync(ct);
        }

        var result = await accounts.UpdateUserAsync(userName, new UserChange(role, scope, disabled, password), ct);
        if (result.User is { } user)
        {
            await audit.RecordAsync(User, "user.updated", null, $"user {user.UserName}", result.AuditDetail, ct);
            await KeepOwnSessionAsync(result);
            SetFlash($"User '{user.UserName}' saved{(result.SessionsEnded ? "; their sessions have ended" : "")}.");
            return RedirectToPage();
        }

        Error = result.Problem;
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateKeyAsync(string name, HubRole role, string[] labs, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            Error = "Name the key after the client that will use it.";
            return await ShowAsync(ct);
        }

        if (!TryScope(labs, out var scope))
        {
            return await ShowAsync(ct);
        }

        var (stored, key) = await accounts.CreateApiKeyAsync(name, role, scope, User.Actor(), ct);
        await audit.RecordAsync(User, "apikey.created", null, $"key {stored.Id}", $"{stored.Name}: {role}, labs {scope}", ct);
        (NewKey, NewKeyName) = (key, stored.Name);
        Response.Headers.CacheControl = "no-store";
        return await ShowAsync(ct);
    }

    public async Task<IActionResult> OnPostRevokeKeyAsync(long keyId, CancellationToken ct)
    {
        if (await store.RevokeApiKeyAsync(keyId, time.GetUtcNow(), ct))
        {
            await audit.RecordAsync(User, "apikey.revoked", null, $"key {keyId}", null, ct);
            SetFlash("Key revoked.");
        }

        return RedirectToPage();
    }

    /// <summary>
    /// An admin who changed their own account (a new password, say) ended every session of theirs,
    /// this one too; this browser gets a new cookie with the new stamp, every other copy stays ended.
    /// </summary>
    private async Task KeepOwnSessionAsync(UserUpdateResult result)
    {
        if (result is { SessionsEnded: true, User: { Disabled: false } user }
            && User.Identity is { AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme, Name: { } name }
            && string.Equals(name, user.UserName, StringComparison.OrdinalIgnoreCase))
        {
            await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, HubClaims.Session(user));
        }
    }

    private bool TryScope(string[]? labs, out LabScope scope)
    {
        try
        {
            scope = LabScope.Parse(LabPicker.Scope(labs));
            return true;
        }
        catch (FormatException e)
        {
            scope = LabScope.Only([]);
            Error = e.Message;
            return false;
        }
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        AllLabs = await LabsAsync(ct);
        Users = await store.ListUsersAsync(ct);
        Keys = await store.ListApiKeysAsync(ct);
    }
}
