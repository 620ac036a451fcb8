namespace IntegrationHub.Logging;

public enum AttemptKind
{
    /// <summary>The first attempt or one scheduled by the automatic retry policy.</summary>
    Automatic,

    /// <summary>Asked for by a person or a client through the API or dashboard.</summary>
    Manual,
}
