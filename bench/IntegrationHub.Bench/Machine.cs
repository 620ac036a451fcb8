using System.Runtime.InteropServices;

namespace IntegrationHub.Bench;

internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        var memory = File.Exists("/proc/meminfo")
            ? $"{long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024 / 1024} GiB"
            : "?";
        return $"{cpu}, {Environment.ProcessorCount} cores, {memory} RAM, {RuntimeInformation.OSDescription}";
    }
}
