using System.Diagnostics;
using System.Text;
using DscOffload.Cli.Tests.Process;

namespace DscOffload.Cli.Tests.Safety;

/// <summary>
/// Runs the dscoffload binary for the safety tests: stdin as raw bytes (so encodings and NUL bytes reach the
/// program unchanged), a time limit (a hang fails the test), optionally inside a network namespace, and the
/// elapsed time. <see cref="Start"/> leaves it running, for tests that kill it or race it. A CPU-time limit
/// (<c>prlimit --cpu</c>) bounds the work the program does independently of how loaded the machine is: past it the
/// kernel kills the program, which fails the test's exit-code check.
/// </summary>
public static class SafetyProcess
{
    public static SafetyResult Run(IEnumerable<string> args, IDictionary<string, string?> env, byte[]? stdin = null, string? netns = null, TimeSpan? timeout = null, int? cpuSeconds = null)
    {
        var clock = Stopwatch.StartNew();
        using var process = Start(args, env, netns, cpuSeconds);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null)
            {
                process.StandardInput.BaseStream.Write(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program may exit (rejecting the input) before reading all of it.
        }

        var limit = timeout ?? TimeSpan.FromSeconds(10);
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dscoffload {string.Join(' ', args)} did not finish in {limit.TotalSeconds} s");
        }

        process.WaitForExit();
        return new SafetyResult(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed);
    }

    public static System.Diagnostics.Process Start(IEnumerable<string> args, IDictionary<string, string?> env, string? netns = null, int? cpuSeconds = null)
    {
        var binary = RepositoryPaths.Binary;
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        var command = new List<string>();
        if (netns is not null)
        {
            start.FileName = "ip";
            command.AddRange(["netns", "exec", netns]);
            command.Add(binary);
        }
        else if (binary.EndsWith(".dll", StringComparison.Ordinal))
        {
            start.FileName = "dotnet";
            command.Add(binary);
        }
        else
        {
            start.FileName = binary;
        }

        command.AddRange(args);
        if (cpuSeconds is { } cpu)
        {
            command.InsertRange(0, [$"--cpu={cpu}:{cpu}", start.FileName]);
            start.FileName = "prlimit";
        }

        foreach (var a in command)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment.Remove("DSC_TRACE_LEVEL");
        foreach (var (k, v) in env)
        {
            start.Environment[k] = v;
        }

        return System.Diagnostics.Process.Start(start)!;
    }
}
