using Fluid.Ast;
using Fluid.Values;

namespace IntegrationHub.Payloads;

/// <summary>
/// Replaces every range (<c>(1..n)</c>) of a parsed template by one that refuses to make more items
/// than <see cref="TemplateLimits.MaxCollectionSize"/>: Fluid builds the whole list before a loop
/// starts, so <c>(1..100000000)</c> would allocate gigabytes before the step limit could stop it.
/// </summary>
internal sealed class BoundedRangeRewriter : AstRewriter
{
    protected override Expression VisitRangeExpression(RangeExpression rangeExpression)
    {
        var rewritten = (RangeExpression)base.VisitRangeExpression(rangeExpression);
        return new BoundedRange(rewritten);
    }

    private sealed class BoundedRange(RangeExpression range) : Expression
    {
        public override async ValueTask<FluidValue> EvaluateAsync(Fluid.TemplateContext context)
        {
            var budget = RenderBudget.Of(context);
            var from = (await range.From.EvaluateAsync(context)).ToNumberValue();
            var to = (await range.To.EvaluateAsync(context)).ToNumberValue();
            if (to - from + 1 > budget.Limits.MaxCollectionSize)
            {
                throw budget.CollectionTooLarge();
            }

            return await range.EvaluateAsync(context);
        }
    }
}
