using DscOffload.Core.Documents;
using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;

namespace DscOffload.Core.Protocol;

/// <summary>
/// Lets the resource protocol run against a recorded host instead of the live one when the
/// environment variable <c>DSCOFFLOAD_RESOURCE_STATE</c> names a snapshot file. This exists so the
/// DSC contract of every type (including the Windows ones) can be exercised on any machine, by
/// tests and by people trying a harness; recorded state stays read-only (set needs --what-if).
/// </summary>
internal static class RecordedBinding
{
    /// <summary>The environment variable that names the snapshot.</summary>
    public const string Variable = "DSCOFFLOAD_RESOURCE_STATE";

    /// <summary>The binder for the snapshot named in the environment, or null for the live host.</summary>
    public static Func<IResourceTypeProvider, IResourceType>? FromEnvironment()
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        RecordedHost? host = null;
        return provider =>
        {
            host ??= RecordedHost.FromDocument(StructuredTextParser.ParseFile(path), path);
            return provider.CreateRecorded(host);
        };
    }
}
