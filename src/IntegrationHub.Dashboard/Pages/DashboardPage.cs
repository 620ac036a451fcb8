using IntegrationHub.Access;
using IntegrationHub.Configuration;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Dashboard.Pages;

/// <summary>What every dashboard page knows: the clock, the user's labs and role.</summary>
public abstract class DashboardPage : PageModel
{
    private IReadOnlyList<LabSummary>? _labs;

    public DateTimeOffset Now => HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    public LabScope Scope => User.LabScope();

    public bool CanOperate => User.Can(HubRole.Operator);

    public bool IsAdmin => User.Can(HubRole.Admin);

    /// <summary>Labs the user may see, for pickers and names.</summary>
    public async Task<IReadOnlyList<LabSummary>> LabsAsync(CancellationToken ct) =>
        _labs ??= [.. (await HttpContext.RequestServices.GetRequiredService<ILabDirectory>().ListLabsAsync(ct)).Where(l => Scope.Allows(l.Id))];

    /// <summary>A lab scope in names: "Every lab", or the labs' names (ids this user cannot see as "Lab 7").</summary>
    public string LabNames(LabScope scope) => scope.IsAllLabs ? "Every lab" : scope.Labs.Count == 0 ? "No lab" : string.Join(", ", scope.Labs.Order().Select(LabName));

    public string LabName(long labId) => _labs?.FirstOrDefault(l => l.Id == labId)?.Name ?? $"Lab {labId}";

    /// <summary>The query-string fields this page could not read, each as the field's label and the rule it broke.</summary>
    public IReadOnlyList<string> UnreadFields { get; protected set; } = [];

    /// <summary>
    /// Collects the query-string fields that model binding could not read (a letter in an id, a
    /// date that is not one), named by <paramref name="rules"/> (field name to "Label must ..."):
    /// a page that has any applies no filter and says so, and never shows "everything" instead.
    /// </summary>
    /// <returns>True when every field was read.</returns>
    protected bool ReadFields(IReadOnlyDictionary<string, string> rules)
    {
        UnreadFields = [.. ModelState
            .Where(entry => entry.Value is { Errors.Count: > 0 })
            .Select(entry => entry.Key[(entry.Key.LastIndexOf('.') + 1)..])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => rules.TryGetValue(name, out var rule) ? rule : $"The field '{name}' could not be read.")];
        return UnreadFields.Count == 0;
    }

    /// <summary>What to show in a field: its value when it was read, else what the user typed, so a refused filter is not emptied.</summary>
    public string Typed(string name, object? value) =>
        value is IFormattable formattable ? formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture)
        : value?.ToString() ?? Request.Query[name].ToString();

    /// <summary>A message carried over one redirect (post-redirect-get).</summary>
    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public string? FlashKind { get; set; }

    protected void SetFlash(string message, string kind = "ok")
    {
        Flash = message;
        FlashKind = kind;
    }
}
