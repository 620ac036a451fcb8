using IntegrationHub.Lab.Hosting;

namespace IntegrationHub.Lab.Services;

/// <summary>What a valid bill is: its items present and bounded, each amount and the total within <see cref="LabLimits.MaxAmount"/>.</summary>
internal static class BillRules
{
    public static void Check(BillInput input, LabLimits limits, InputProblems problems)
    {
        problems.Optional("number", input.Number, limits.BillNumberMaxLength);
        problems.Optional("currency", input.Currency?.Trim(), limits.CurrencyMaxLength);
        if (input.Items is not { Count: > 0 } items)
        {
            problems.Add("items", "A bill needs at least one item.");
            return;
        }

        if (items.Count > limits.MaxBillItems)
        {
            problems.Add("items", $"At most {limits.MaxBillItems} items on one bill.");
            return;
        }

        // Each amount is at most MaxAmount before it is added, so neither a product nor the sum can overflow.
        var total = 0m;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item)
            {
                problems.Add($"items[{i}]", "Must be an item: {\"testCode\", \"quantity\", \"unitPrice\"}.");
                continue;
            }

            problems.Required($"items[{i}].testCode", item.TestCode, limits.TestCodeMaxLength);
            problems.Optional($"items[{i}].description", item.Description, limits.ItemDescriptionMaxLength);
            if (item.Quantity < 1)
            {
                problems.Add($"items[{i}].quantity", "Must be at least 1.");
            }

            if (item.UnitPrice < 0)
            {
                problems.Add($"items[{i}].unitPrice", "Must not be negative.");
            }
            else if (item.UnitPrice > limits.MaxAmount)
            {
                problems.Add($"items[{i}].unitPrice", $"At most {limits.MaxAmount}.");
            }
            else if (item.Quantity >= 1)
            {
                var amount = item.UnitPrice * item.Quantity;
                if (amount > limits.MaxAmount)
                {
                    problems.Add($"items[{i}]", $"Quantity × unit price may be at most {limits.MaxAmount}.");
                }

                total += amount;
            }
        }

        if (total > limits.MaxAmount)
        {
            problems.Add("items", $"The bill's total may be at most {limits.MaxAmount}.");
        }
    }

    public static decimal Total(IEnumerable<Domain.BillItem> items) => items.Sum(i => i.UnitPrice * i.Quantity);
}
