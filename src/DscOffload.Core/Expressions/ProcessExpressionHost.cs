using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>
/// An <see cref="IExpressionHost"/> that knows the process (environment, clock, search path, operating system)
/// but no run: <c>reference()</c>, <c>stateChanged()</c>, <c>restartRequired()</c> and <c>stdout()</c> fail with an
/// error naming them, as they do when a document is resolved before anything runs.
/// </summary>
internal class ProcessExpressionHost : IExpressionHost
{
    /// <summary>A host for the current process, system root <c>/</c> (or the system drive on Windows).</summary>
    public ProcessExpressionHost(string? systemRoot = null)
    {
        SystemRoot = systemRoot ?? (OperatingSystem.IsWindows() ? Path.GetPathRoot(Environment.SystemDirectory) ?? "C:\\" : "/");
    }

    /// <inheritdoc/>
    public string SystemRoot { get; }

    /// <inheritdoc/>
    public virtual string? Stdout => null;

    /// <inheritdoc/>
    public virtual DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

    /// <inheritdoc/>
    public virtual JToken? Reference(string resourceId) => null;

    /// <inheritdoc/>
    public virtual bool? StateChanged(string resourceId) => null;

    /// <inheritdoc/>
    public virtual bool? RestartRequired(string kind, string? name) => null;

    /// <inheritdoc/>
    public virtual string? EnvironmentVariable(string name) =>
        name.Length == 0 || name.Contains('=', StringComparison.Ordinal) ? null : Environment.GetEnvironmentVariable(name);

    /// <inheritdoc/>
    public virtual JObject Context() => new()
    {
        ["os"] = OperatingSystemFacts.Current(),
        ["security"] = Environment.IsPrivilegedProcess ? "elevated" : "restricted",
    };

    /// <inheritdoc/>
    public virtual string? FindExecutable(string name)
    {
        if (name.Length == 0 || name.IndexOfAny(['/', '\\']) >= 0)
        {
            return null;
        }

        var extensions = OperatingSystem.IsWindows() ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE").Split(';') : [string.Empty];
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            foreach (var extension in extensions)
            {
                if (directory.Length > 0 && Path.Join(directory, name + extension) is var candidate && File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
