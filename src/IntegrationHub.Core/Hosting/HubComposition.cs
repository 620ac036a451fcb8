namespace IntegrationHub.Hosting;

/// <summary>
/// Not a setting: the options object the start-up checks of the composition hang on (one store
/// for every role, a secret protector), so that they are reported together with any invalid
/// setting when the host starts, or when this is resolved.
/// </summary>
public sealed class HubComposition;
