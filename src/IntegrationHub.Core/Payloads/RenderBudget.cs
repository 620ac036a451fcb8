using Fluid;
using Fluid.Values;

namespace IntegrationHub.Payloads;

/// <summary>
/// One render's context with its budget: a deadline and the size limits, checked by every hook the
/// renderer offers (filters, assignments, captures, ranges, the output), so a costly template ends
/// with a <see cref="TemplateLimitException"/> instead of running on.
/// </summary>
internal sealed class RenderBudget(object model, TemplateOptions options, TemplateLimits limits, TimeProvider time)
    : TemplateContext(model, options)
{
    private readonly long _started = time.GetTimestamp();

    public TemplateLimits Limits { get; } = limits;

    /// <summary>Throws when the render has run past its timeout.</summary>
    public void CheckTime()
    {
        if (time.GetElapsedTime(_started) > Limits.RenderTimeout)
        {
            throw new TemplateLimitException($"the template ran longer than {Limits.RenderTimeout.TotalMilliseconds:0} ms (IntegrationHub:Templates:RenderTimeout)");
        }
    }

    /// <summary>Throws when <paramref name="value"/> is a string or a list beyond the limits, or time is up.</summary>
    public FluidValue Check(FluidValue value)
    {
        CheckTime();
        switch (value)
        {
            case StringValue text when text.ToStringValue().Length > Limits.MaxOutputChars:
                throw new TemplateLimitException($"the template made a text longer than {Limits.MaxOutputChars} characters (IntegrationHub:Templates:MaxOutputChars)");
            case ArrayValue list when list.Values.Count > Limits.MaxCollectionSize:
                throw CollectionTooLarge();
        }

        return value;
    }

    public TemplateLimitException CollectionTooLarge() =>
        new($"the template made a list of more than {Limits.MaxCollectionSize} items (IntegrationHub:Templates:MaxCollectionSize)");

    /// <summary>The budget of a render; every render of the hub runs in one.</summary>
    public static RenderBudget Of(TemplateContext context) =>
        context as RenderBudget ?? throw new InvalidOperationException("Templates are rendered only within a render budget.");
}
