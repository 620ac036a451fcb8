using Microsoft.Extensions.Primitives;

namespace IntegrationHub.Lab.Web.Idempotency;

/// <summary>The header's names and the rule a key must follow.</summary>
public static class IdempotencyKeyHeader
{
    /// <summary>The request header carrying the client's key.</summary>
    public const string Name = "Idempotency-Key";

    /// <summary>The answer header that marks a repeat answered from the stored first answer.</summary>
    public const string Replayed = "Idempotent-Replayed";

    /// <summary>Longest key accepted.</summary>
    public const int MaxLength = 255;

    /// <summary>What is wrong with the header's values, or null when they hold one valid key.</summary>
    public static string? Problem(StringValues values)
    {
        if (values.Count != 1)
        {
            return $"Send one {Name} header, not {values.Count}.";
        }

        var key = values[0] ?? "";
        if (key.Length == 0)
        {
            return $"The {Name} must not be empty.";
        }

        if (key.Length > MaxLength)
        {
            return $"The {Name} is {key.Length} characters long; at most {MaxLength} are allowed.";
        }

        // Printable ASCII only: the key is compared byte for byte and shown back in messages.
        return key.All(c => c is >= ' ' and <= '~')
            ? null
            : $"The {Name} may hold only printable ASCII characters (space to '~').";
    }
}
