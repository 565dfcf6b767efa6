using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>
/// What only a running engine (or the machine) knows, asked for by the functions that need it. The resolver
/// works without an engine: <see cref="ProcessExpressionHost"/> answers from the process, and an engine passes
/// its own host so that <c>reference()</c>, <c>stateChanged()</c> and the rest see the results of the run.
/// Every member may answer "not known" (null); the function then fails with an error naming itself.
/// </summary>
internal interface IExpressionHost
{
    /// <summary>The result of the instance with this dsc resource id (<c>Type:name</c>) already run, or null.</summary>
    JToken? Reference(string resourceId);

    /// <summary>Whether the instance with this resource id changed state during this run, or null when unknown.</summary>
    bool? StateChanged(string resourceId);

    /// <summary>Whether a restart of this kind (<c>system</c>, <c>service</c>, <c>process</c>) and name was reported, or null when unknown.</summary>
    bool? RestartRequired(string kind, string? name);

    /// <summary>The standard output a resource gave in this context, or null.</summary>
    string? Stdout { get; }

    /// <summary>The value of an environment variable, or null when it is not set.</summary>
    string? EnvironmentVariable(string name);

    /// <summary>The current time (a clock that tests can fix).</summary>
    DateTimeOffset UtcNow { get; }

    /// <summary>The operating system and security context, as dsc's <c>context()</c> reports them.</summary>
    JObject Context();

    /// <summary>The root of the system the configuration applies to (<c>/</c> or <c>C:\</c>, or a mounted image).</summary>
    string SystemRoot { get; }

    /// <summary>The full path of an executable found on the search path, or null.</summary>
    string? FindExecutable(string name);
}
