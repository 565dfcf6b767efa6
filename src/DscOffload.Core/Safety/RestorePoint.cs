using DscOffload.Core.Diagnostics;
using DscOffload.Core.Engine;
using DscOffload.Core.Json;
using DscOffload.Core.Resources;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Safety;

/// <summary>
/// Captures, just before a live set, what the set is about to change: it runs <c>test</c> for every instance
/// of the prepared document on the target (reads only) and feeds each outcome to a
/// <see cref="RestoreDocumentBuilder"/>.
/// </summary>
public static class RestorePoint
{
    /// <summary>
    /// Tests every instance of <paramref name="configuration"/> on <paramref name="target"/>. An instance whose
    /// test fails stops the change before anything is changed (its set would fail at the same step, and a change
    /// the journal cannot describe must not start): the error names the instance and keeps its kind, so the
    /// exit code is the one the failure would have had.
    /// </summary>
    public static RestoreDocumentBuilder Capture(PreparedConfiguration configuration, HostTarget target)
    {
        var builder = new RestoreDocumentBuilder();
        foreach (var item in configuration.Instances)
        {
            var instance = item.Instance;
            try
            {
                if (target.Resolve(item.Provider) is not ISettableResource resource)
                {
                    continue;
                }

                var input = (JObject)instance.Properties.DeepCloneWithLocations();
                var context = new OperationContext(_ => { }, target.Name) { ReadOnlyTarget = target.IsRecorded };
                builder.Add(item.Provider.Descriptor, input, resource.Test(input, context));
            }
            catch (DscOffloadException e)
            {
                throw new DscOffloadException(e.Kind,
                    $"'{instance.Name}': {e.Message.ReplaceLineEndings(" ").TrimEnd('.')}; nothing was changed (the state of every instance is saved before any is changed)",
                    e.Location,
                    e);
            }
        }

        return builder;
    }
}
