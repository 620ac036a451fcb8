namespace IntegrationHub.Destinations;

/// <summary>
/// A partner URL, or the address its name resolves to, lies inside a range the destination policy
/// refuses. A configuration error: retrying cannot help.
/// </summary>
public sealed class DestinationRefusedException(string message) : Exception(message)
{
    /// <summary>The refusal behind <paramref name="e"/> (HttpClient wraps what a connect callback throws), if any.</summary>
    public static DestinationRefusedException? FoundIn(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DestinationRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
