using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fluid;
using Fluid.Values;
using IntegrationHub.Configuration;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Payloads;

/// <summary>
/// Turns a <see cref="PayloadModel"/> into one integration's request body: the canonical JSON
/// document, or the integration's Liquid template rendered by Fluid over the same model, within
/// the <see cref="TemplateLimits"/> (checked before parsing and throughout every render).
/// </summary>
public sealed class PayloadRenderer
{
    // Parsed templates are kept for reuse; a hub has a few dozen, so the cache is simply emptied
    // should it ever pass this many (templates edited over and over).
    private const int MaxCachedTemplates = 1000;

    private static readonly FluidParser Parser = new();
    private readonly ConcurrentDictionary<string, IFluidTemplate> _templates = new(StringComparer.Ordinal);
    private readonly TemplateOptions _lenient;
    private readonly TemplateOptions _strict;
    private readonly TemplateLimits _limits;
    private readonly TimeProvider _time;

    public PayloadRenderer(IOptions<TemplateLimits> limits, TimeProvider time)
    {
        _limits = limits.Value;
        _time = time;
        _lenient = Bounded(new TemplateOptions(), _limits, time);
        _strict = Bounded(new TemplateOptions { StrictVariables = true, StrictFilters = true }, _limits, time);
    }

    /// <summary>Renders the body an integration receives for this model; throws <see cref="TemplateLimitException"/> past a limit.</summary>
    public RenderedPayload Render(PayloadSettings settings, PayloadModel model)
    {
        if (settings.Format == PayloadFormat.CanonicalJson)
        {
            return new RenderedPayload(settings.ContentType, model.Root.ToJsonString(HubJson.Options));
        }

        if (_templates.Count > MaxCachedTemplates)
        {
            _templates.Clear();
        }

        var template = _templates.GetOrAdd(settings.Template ?? "", Parse);
        return new RenderedPayload(settings.ContentType, RenderBounded(template, model, _lenient));
    }

    /// <summary>
    /// Checks a payload configuration when it is saved: the template is within its limits, parses,
    /// renders over a sample model with strict variables and filters, and, for a JSON content type,
    /// renders valid JSON. Returns the problem, or null when there is none.
    /// </summary>
    public string? Validate(PayloadSettings settings, PayloadModel sample)
    {
        if (string.IsNullOrWhiteSpace(settings.ContentType))
        {
            return "a content type is required";
        }

        if (settings.Format == PayloadFormat.CanonicalJson)
        {
            return IsJson(settings.ContentType) ? null : "the canonical format is JSON: use content type application/json or a Liquid template";
        }

        if (string.IsNullOrWhiteSpace(settings.Template))
        {
            return "a Liquid template is required when the format is Liquid";
        }

        if (TemplateShape.Check(settings.Template, _limits) is { } shape)
        {
            return shape;
        }

        if (!Parser.TryParse(settings.Template, out var template, out var error))
        {
            return $"the template does not parse: {error}";
        }

        string body;
        try
        {
            body = RenderBounded(Rewrite(template), sample, _strict);
        }
        catch (TemplateLimitException e)
        {
            return $"{e.Message} over the sample model";
        }
        catch (Exception e) when (e is FluidException or InvalidOperationException or ParseException or ArgumentException or FormatException or OverflowException)
        {
            return $"the template does not render over the sample model ({e.Message}); it may use only these variables: {Describe(sample.Root)}";
        }

        if (IsJson(settings.ContentType))
        {
            try
            {
                using var _ = JsonDocument.Parse(body);
            }
            catch (JsonException e)
            {
                return $"the content type is JSON but the template renders invalid JSON over the sample model: {e.Message}";
            }
        }

        return null;
    }

    private string RenderBounded(IFluidTemplate template, PayloadModel model, TemplateOptions options)
    {
        var budget = new RenderBudget(ToFluidModel(model.Root)!, options, _limits, _time);
        using var writer = new BoundedWriter(budget);
        try
        {
            // Fluid renders synchronously unless a filter is asynchronous; none of ours is.
            template.RenderAsync(writer, NullEncoder.Default, budget).AsTask().GetAwaiter().GetResult();
        }
        catch (InvalidOperationException e) when (e is not TemplateLimitException && e.Message.StartsWith("The maximum", StringComparison.Ordinal))
        {
            // Fluid reports its step limit as "the maximum level of recursion".
            throw new TemplateLimitException($"the template ran more than {_limits.MaxSteps} steps (IntegrationHub:Templates:MaxSteps)");
        }

        return writer.ToString();
    }

    // Every hook Fluid offers checks the render's budget: each filter's result, each assignment and
    // capture; time and dates come from the hub's clock, in UTC, not the machine's.
    private static TemplateOptions Bounded(TemplateOptions options, TemplateLimits limits, TimeProvider time)
    {
        options.MaxSteps = limits.MaxSteps;
        options.MaxRecursion = limits.MaxNesting;
        options.Now = time.GetUtcNow;
        options.TimeZone = TimeZoneInfo.Utc;
        foreach (var (name, filter) in options.Filters.ToList())
        {
            options.Filters.AddFilter(name, async (input, arguments, context) => RenderBudget.Of(context).Check(await filter(input, arguments, context)));
        }

        options.Assigned = (_, value, context) => ValueTask.FromResult(RenderBudget.Of(context).Check(value));
        options.Captured = (_, value, context) => ValueTask.FromResult(RenderBudget.Of(context).Check(value));
        return options;
    }

    private IFluidTemplate Parse(string source)
    {
        if (TemplateShape.Check(source, _limits) is { } shape)
        {
            throw new TemplateLimitException(shape);
        }

        return Parser.TryParse(source, out var template, out var error)
            ? Rewrite(template)
            : throw new InvalidOperationException($"Template does not parse: {error}");
    }

    private static IFluidTemplate Rewrite(IFluidTemplate template) => new BoundedRangeRewriter().VisitTemplate(template);

    // "lab.{id, name}, patient.{id, mrn, ...}": what a template author may use.
    private static string Describe(JsonObject root) => string.Join("; ", root.Select(p => p.Value is JsonObject child
        ? $"{p.Key}.{{{string.Join(", ", child.Select(c => c.Key))}}}"
        : p.Key));

    private static bool IsJson(string contentType) =>
        contentType.Contains("json", StringComparison.OrdinalIgnoreCase);

    // Fluid reads dictionaries and lists natively; JsonNode is converted once per render.
    private static object? ToFluidModel(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToFluidModel(p.Value), StringComparer.Ordinal),
        JsonArray array => array.Select(ToFluidModel).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.TryGetValue<string>(out var text) ? text : JsonSerializer.Deserialize<string>(value.ToJsonString()),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => ParseNumber(value.ToJsonString()),
            _ => null,
        },
        _ => null,
    };

    private static object ParseNumber(string json) =>
        long.TryParse(json, System.Globalization.CultureInfo.InvariantCulture, out var whole)
            ? whole
            : decimal.Parse(json, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
}
