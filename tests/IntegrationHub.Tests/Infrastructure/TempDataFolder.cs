namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// A data folder of a test's own under the temp folder, created at once and deleted (as far as it can
/// be) on dispose, with what the test backend keeps for it elsewhere.
/// </summary>
public sealed class TempDataFolder : IDisposable
{
    public TempDataFolder(string kind)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), kind, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder's absolute path.</summary>
    public string Path { get; }

    public void Dispose()
    {
        Backends.TestBackend.Current.Release(Path, delete: true);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
