using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Server;

/// <summary>
/// Runs the server and turns what stops it from starting (an invalid setting, a taken port, an
/// unusable data folder) into one or two lines on stderr that name the setting or the address and
/// what to do, and a non-zero exit code: 2 for an invalid setting, 1 otherwise. No stack trace.
/// </summary>
internal static partial class StartupErrors
{
    public static async Task<int> RunAsync(Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (Exception e)
        {
            var (lines, exitCode) = Describe(e);
            foreach (var line in lines)
            {
                await Console.Error.WriteLineAsync(line);
            }

            return exitCode;
        }
    }

    /// <summary>The lines to print and the exit code for a failure to start.</summary>
    public static (IReadOnlyList<string> Lines, int ExitCode) Describe(Exception failure)
    {
        var problems = (failure is AggregateException many ? many.InnerExceptions : [failure]).Select(Explain).ToList();
        var lines = problems.SelectMany(p => p.Lines).Distinct().Take(4).ToList();
        lines[0] = "Integration Hub did not start: " + lines[0];
        return (lines, problems.Any(p => p.ExitCode == StartupProblemException.InvalidSetting) ? StartupProblemException.InvalidSetting : StartupProblemException.CannotStart);
    }

    private static (string[] Lines, int ExitCode) Explain(Exception e)
    {
        if (e is StartupProblemException problem)
        {
            return ([OneLine(problem.Message)], problem.ExitCode);
        }

        if (e is OptionsValidationException invalid)
        {
            return (Invalid(invalid), StartupProblemException.InvalidSetting);
        }

        if (Chain(e).Select(x => ConversionFailure().Match(x.Message)).FirstOrDefault(m => m.Success) is { } conversion)
        {
            var key = conversion.Groups["key"].Value;
            return ([$"{key} = '{conversion.Groups["value"].Value}' is not a valid {conversion.Groups["type"].Value.Split('.')[^1]}.", HowToSet(key)], StartupProblemException.InvalidSetting);
        }

        if (e is IOException && BindFailure().Match(e.Message) is { Success: true } bind)
        {
            var address = bind.Groups["address"].Value;
            return Chain(e).Any(x => x is AddressInUseException)
                ? ([$"the address {address} is already in use (port {Port(address)}).", "Stop the program that listens there, or choose another address with --urls or ASPNETCORE_URLS."], StartupProblemException.CannotStart)
                : ([$"cannot listen on {address}: {OneLine(e.InnerException?.Message ?? e.Message)}", "Choose another address with --urls or ASPNETCORE_URLS."], StartupProblemException.CannotStart);
        }

        return ([OneLine(string.Join(" ", Chain(e).Select(x => x.Message).Distinct()))], StartupProblemException.CannotStart);
    }

    /// <summary>Each failure of an options class, named by its configuration key when it is a data annotation on a member.</summary>
    private static string[] Invalid(OptionsValidationException invalid)
    {
        var section = ConfigurationKeys.Known.SectionOf(invalid.OptionsType);
        var lines = new List<string>();
        foreach (var failure in invalid.Failures)
        {
            if (section is not null && MemberFailure().Match(failure) is { Success: true } member)
            {
                var key = $"{section}:{member.Groups["member"].Value}";
                lines.Add($"{key} is invalid: {member.Groups["error"].Value}");
                lines.Add(HowToSet(key));
            }
            else
            {
                lines.Add(OneLine(failure));
            }
        }

        return [.. lines];
    }

    private static string HowToSet(string key) =>
        $"Fix {key} in appsettings.json, the environment ({key.Replace(":", "__", StringComparison.Ordinal)}) or the command line (--{key}=...), then start again.";

    private static string Port(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) : address;

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            yield return x;
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex("Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

    [GeneratedRegex("Failed to bind to address (?<address>.+?): ")]
    private static partial Regex BindFailure();

    [GeneratedRegex("members: '(?<member>[^']+)' with the error: '(?<error>.*)'\\.?$", RegexOptions.Singleline)]
    private static partial Regex MemberFailure();
}
