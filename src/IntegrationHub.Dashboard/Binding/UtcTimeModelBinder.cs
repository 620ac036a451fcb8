using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace IntegrationHub.Dashboard.Binding;

/// <summary>
/// Reads a time from the query string as UTC when it names no offset. The dashboard shows every
/// time in 24-hour UTC and its time fields say so; the framework's binder would read
/// "2026-12-04 18:00" in the server's own time zone.
/// </summary>
public sealed class UtcTimeModelBinder : IModelBinder
{
    private const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        var text = value.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out var at))
        {
            bindingContext.Result = ModelBindingResult.Success(at);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, "Not a date and time.");
        }

        return Task.CompletedTask;
    }
}

/// <summary>Hands <see cref="UtcTimeModelBinder"/> every <see cref="DateTimeOffset"/> the dashboard binds.</summary>
public sealed class UtcTimeModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(DateTimeOffset) ? new BinderTypeModelBinder(typeof(UtcTimeModelBinder)) : null;
}
