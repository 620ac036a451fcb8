using IntegrationHub.Access;

namespace IntegrationHub.Web.Security;

/// <summary>What an admin changes about a user: a null field stays as it is.</summary>
/// <param name="Role">The new role, or null to keep it.</param>
/// <param name="Labs">The new lab scope, or null to keep it.</param>
/// <param name="Disabled">True to disable, false to enable, null to keep the state.</param>
/// <param name="NewPassword">A new password (at least <see cref="UserAccounts.MinPasswordLength"/> characters), or null or empty to keep it.</param>
public sealed record UserChange(HubRole? Role = null, LabScope? Labs = null, bool? Disabled = null, string? NewPassword = null);
