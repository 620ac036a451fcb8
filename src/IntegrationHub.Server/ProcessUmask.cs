using System.Runtime.InteropServices;

namespace IntegrationHub.Server;

/// <summary>
/// The process-wide umask 077, set before anything is written: every file and folder this process
/// creates, including those libraries create themselves (SQLite's database, EF Core, Data Protection),
/// is owner-only from the moment it exists. Linux and macOS only.
/// </summary>
internal static class ProcessUmask
{
    private const uint GroupAndOthers = 0b000_111_111;

    public static void RestrictToOwner()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            _ = Umask(GroupAndOthers);
        }
    }

    // mode_t is 32 bits on Linux, 16 on macOS; the mask fits either, and the previous mask is not read.
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint Umask(uint mask);
}
