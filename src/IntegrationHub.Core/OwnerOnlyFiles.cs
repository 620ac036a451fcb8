namespace IntegrationHub;

/// <summary>
/// Folders and files only their owner may open (0700, 0600 on Linux and macOS): what the hub keeps
/// on disk holds patient data, payloads or keys. Each writer creates its files this way itself,
/// so the modes hold in any host, not only behind the server's process-wide umask. No-ops on Windows,
/// whose folders inherit their parent's access list.
/// </summary>
public static class OwnerOnlyFiles
{
    /// <summary>rwx for the owner, nothing for group and others.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw for the owner, nothing for group and others.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The group and other bits: none of them is ever set on what the hub writes.</summary>
    public const UnixFileMode GroupAndOthers = (UnixFileMode)0b000_111_111;

    /// <summary>Creates the folder (and missing parents) owner-only; an existing folder is left as it is.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            // The mode given to CreateDirectory applies to the last folder only: create each missing one.
            var missing = new Stack<string>();
            for (var folder = Path.GetFullPath(path); !Directory.Exists(folder); folder = Path.GetDirectoryName(folder)!)
            {
                missing.Push(folder);
                if (Path.GetDirectoryName(folder) is null)
                {
                    break;
                }
            }

            while (missing.TryPop(out var folder))
            {
                Directory.CreateDirectory(folder, FolderMode);
            }
        }
    }

    /// <summary>The same options, creating the file owner-only (an existing file keeps its mode).</summary>
    public static FileStreamOptions OwnerOnly(this FileStreamOptions options)
    {
        if (!OperatingSystem.IsWindows() && options.Mode is not System.IO.FileMode.Open and not System.IO.FileMode.Truncate)
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }
}
