using System.Diagnostics;
using System.Text;

namespace DscOffload.Cli.Tests.Process;

/// <summary>Runs the dscoffload binary as dsc would: arguments, optional stdin, environment, working directory.</summary>
public static class DscOffloadProcess
{
    /// <summary>Runs the binary and waits (at most 60 s) for it to exit.</summary>
    public static ProcessResult Run(IEnumerable<string> args, string? stdin = null, IDictionary<string, string?>? env = null, string? workingDirectory = null, string? netns = null)
    {
        var binary = RepositoryPaths.Binary;
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryPaths.Root,
        };
        if (netns is not null)
        {
            start.FileName = "ip";
            foreach (var a in (string[])["netns", "exec", netns])
            {
                start.ArgumentList.Add(a);
            }

            start.ArgumentList.Add(binary);
        }
        else if (binary.EndsWith(".dll", StringComparison.Ordinal))
        {
            start.FileName = "dotnet";
            start.ArgumentList.Add(binary);
        }
        else
        {
            start.FileName = binary;
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
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
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
