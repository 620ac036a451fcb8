using System.Runtime.Versioning;
using IntegrationHub.Hosting;

namespace IntegrationHub.Server;

/// <summary>
/// The data folder holds patient data (the database, report PDFs, spooled logs) and the key ring:
/// it is created owner-only (0700), and at every start the folder and everything in it lose any
/// group and other permission bits, so a folder made by an older release or copied in with wide
/// modes is narrowed before a byte is served. Symbolic links are left alone (their targets are not
/// the hub's to change).
/// </summary>
internal static class DataFolder
{
    /// <summary>Creates or narrows the folder and checks it can be written; a failure names the folder and the fix.</summary>
    public static void Prepare(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            OwnerOnlyFiles.CreateFolder(full);
            if (!OperatingSystem.IsWindows())
            {
                Narrow(full);
            }

            var probe = Path.Combine(full, $".write-check-{Guid.NewGuid():N}");
            using (new FileStream(probe, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.DeleteOnClose }.OwnerOnly()))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupProblemException(
                $"The data folder {full} cannot be created or written: {e.Message} Set IntegrationHub:DataFolder to a folder this user may write, or give this user that folder.",
                StartupProblemException.CannotStart,
                e);
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static void Narrow(string folder)
    {
        NarrowOne(new DirectoryInfo(folder));
        var everything = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", everything))
        {
            if (entry.LinkTarget is null)
            {
                NarrowOne(entry);
            }
        }
    }

    /// <summary>
    /// Narrows one entry; one that is gone by now is passed over: hub processes sharing the folder
    /// start together, and another's write check is listed, then deleted before it is narrowed
    /// (its mode then reads as -1, which no file has).
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    internal static void NarrowOne(FileSystemInfo entry)
    {
        var mode = entry.UnixFileMode;
        if ((mode & ~AnyMode) != 0 || (mode & OwnerOnlyFiles.GroupAndOthers) == 0)
        {
            return;
        }

        try
        {
            entry.UnixFileMode = mode & ~OwnerOnlyFiles.GroupAndOthers;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Deleted between the look and the change.
        }
    }

    // Every bit a mode can have (permissions, setuid, setgid, sticky).
    private const UnixFileMode AnyMode = (UnixFileMode)0b111_111_111_111;
}
