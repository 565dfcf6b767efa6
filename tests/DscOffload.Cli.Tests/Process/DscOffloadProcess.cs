using System.Diagnostics;
using System.Text;

namespace DscOffload.Cli.Tests.Process;

/// <summary>Runs the dscoffload binary as dsc would: arguments, optional stdin, environment, working directory.</summary>
public static class DscOffloadProcess
{
    /// <summary>Runs the binary and waits (at most 60 s) for it to exit.</summary>
    /// <param name="args">The arguments of dscoffload.</param>
    /// <param name="stdin">Text written to its standard input (then closed).</param>
    /// <param name="env">Variables added to (or, with a null value, cleared from) its environment.</param>
    /// <param name="workingDirectory">The working directory; the repository root by default.</param>
    /// <param name="netns">A network namespace to run it in (<c>ip netns exec</c>; needs root).</param>
    /// <param name="launcher">A program and its arguments that run the binary (such as <c>setpriv --reuid=…</c>), inside the namespace.</param>
    /// <param name="binary">The binary to run instead of <see cref="RepositoryPaths.Binary"/> (for example a copy other users can run).</param>
    public static ProcessResult Run(IEnumerable<string> args, string? stdin = null, IDictionary<string, string?>? env = null, string? workingDirectory = null,
        string? netns = null, IReadOnlyList<string>? launcher = null, string? binary = null)
    {
        binary ??= RepositoryPaths.Binary;
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        var command = new List<string>();
        if (netns is not null)
        {
            command.AddRange(["ip", "netns", "exec", netns]);
        }

        command.AddRange(launcher ?? []);
        if (binary.EndsWith(".dll", StringComparison.Ordinal))
        {
            command.Add("dotnet");
        }

        command.Add(binary);
        start.FileName = command[0];
        foreach (var a in command.Skip(1))
        {
            start.ArgumentList.Add(a);
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment.Remove("DSC_TRACE_LEVEL");
        foreach (var (k, v) in env ?? new Dictionary<string, string?>())
        {
            start.Environment[k] = v;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null)
            {
                // Raw UTF-8 bytes, as dsc writes them; nothing stays buffered in the writer if the pipe is gone.
                process.StandardInput.BaseStream.Write(Encoding.UTF8.GetBytes(stdin));
                process.StandardInput.BaseStream.Flush();
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading its stdin (it had its input from --input): what it printed still counts.
        }

        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dscoffload {string.Join(' ', start.ArgumentList)} did not finish in 60 s");
        }

        copy.Wait();
        var bytes = stdout.ToArray();
        return new ProcessResult(process.ExitCode, Encoding.UTF8.GetString(bytes), stderr.Result, bytes);
    }

    /// <summary>Runs with arguments given inline.</summary>
    public static ProcessResult Run(params string[] args) => Run((IEnumerable<string>)args);
}
