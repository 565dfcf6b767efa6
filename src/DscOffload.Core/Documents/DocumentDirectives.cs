using Newtonsoft.Json.Linq;
using static DscOffload.Core.Documents.DocumentShape;

namespace DscOffload.Core.Documents;

/// <summary>
/// The <c>directives</c> of a document and of its instances: each is honoured or refused with an error naming
/// it, never ignored. <c>securityContext</c> is handed to the engine (<see cref="ResolvedConfiguration.RequiredSecurityContext"/>);
/// <c>resourceDiscovery</c> has nothing to change (dscoffload's types are built in); <c>version</c> and
/// <c>requireAdapter</c> are refused because they are about a dsc installation.
/// </summary>
internal static class DocumentDirectives
{
    private static readonly string[] SecurityContexts = ["current", "elevated", "restricted"];

    /// <summary>Checks the document's directives; returns the security context they require, or null.</summary>
    public static string? Check(ConfigurationDocument document)
    {
        var file = document.Path;
        string? security = null;
        if (OptionalObject(document.Root, "directives", "the configuration document", file) is { } directives)
        {
            CheckKeys(directives, ["securityContext", "resourceDiscovery", "version"], "the document's 'directives'", file);
            security = SecurityContext(directives, "the document's 'directives'", file);
            if (OptionalString(directives, "resourceDiscovery", "the document's 'directives'", file) is { } discovery
                && discovery is not ("preDeployment" or "duringDeployment"))
            {
                throw Error($"directive 'resourceDiscovery' is '{discovery}'; allowed: preDeployment, duringDeployment", directives["resourceDiscovery"], file);
            }

            if (directives.Property("version", StringComparison.Ordinal) is { } version)
            {
                throw Error(
                    $"directive 'version' ({version.Value.ToString(Newtonsoft.Json.Formatting.None)}) asks for a dsc version, which dscoffload cannot honour; remove it to run this document with dscoffload",
                    version,
                    file);
            }
        }

        foreach (var instance in document.Resources)
        {
            if (OptionalObject(instance.Raw, "directives", $"resource instance '{instance.Name}'", file) is not { } own)
            {
                continue;
            }

            var where = $"the 'directives' of '{instance.Name}'";
            CheckKeys(own, ["securityContext", "requireAdapter"], where, file);
            if (own.Property("requireAdapter", StringComparison.Ordinal) is { } adapter)
            {
                throw Error($"directive 'requireAdapter' of '{instance.Name}' names a dsc adapter; dscoffload runs its types directly and cannot honour it", adapter, file);
            }

            security = Stricter(security, SecurityContext(own, where, file));
        }

        return security;
    }

    private static string? SecurityContext(JObject directives, string where, string file)
    {
        var value = OptionalString(directives, "securityContext", where, file);
        return value is null || Array.IndexOf(SecurityContexts, value) >= 0
            ? value
            : throw Error($"directive 'securityContext' is '{value}'; allowed: {string.Join(", ", SecurityContexts)}", directives["securityContext"], file);
    }

    private static string? Stricter(string? a, string? b) =>
        a is null ? b : b is null || a == b ? a : a == "current" ? b : b == "current" ? a
            : throw new Diagnostics.DscOffloadException(Diagnostics.ErrorKind.InvalidInput, $"directives ask for both '{a}' and '{b}' security contexts; no process is both");
}
