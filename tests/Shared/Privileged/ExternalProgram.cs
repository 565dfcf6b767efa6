using System.Diagnostics;

namespace DscOffload.Tests.Privileged;

/// <summary>Runs <c>ip</c> and <c>ethtool</c> for test set-up and cross-checks (only test code starts processes).</summary>
public static class ExternalProgram
{
    private static readonly string[] SystemDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    /// <summary>The full path of <paramref name="name"/> on PATH or in the usual system directories, or null.</summary>
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(SystemDirectories)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs the program and returns its standard output; throws with its error output when it fails.</summary>
    public static string Run(string name, params string[] arguments)
    {
        var program = Find(name) ?? throw new InvalidOperationException($"'{name}' is not on PATH");
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start '{name}'");
        var errorRead = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{name} {string.Join(' ', arguments)}' exited with {process.ExitCode}: {errorRead.GetAwaiter().GetResult().Trim()}");
        }

        return output;
    }
}
