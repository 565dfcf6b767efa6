using DscOffload.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Resources;

/// <summary>
/// Set of a read-only type whose descriptor says <see cref="ResourceDescriptor.SetAsserts"/> (OffloadCoexistence):
/// nothing can be changed, so set tests. In desired state it succeeds and changes nothing; otherwise it fails,
/// naming what differs, so a <c>config set</c> stops before the instances that depend on the assertion. What-if only
/// warns, so the rest of the preview still runs. The engine and the resource protocol (how dsc calls set) share it.
/// </summary>
internal static class SetAssertion
{
    /// <summary>Tests <paramref name="desired"/> and turns the outcome into a set outcome that changed nothing.</summary>
    /// <exception cref="DscOffloadException"><c>NotSupported</c> when the host differs (outside what-if).</exception>
    public static SetOutcome Set(ITestableResource resource, JObject desired, OperationContext context)
    {
        var test = resource.Test(desired, context);
        if (!test.InDesiredState)
        {
            var message = $"{resource.Descriptor.Type} is read-only and the host differs in {string.Join(", ", test.DifferingProperties)}; nothing can be changed to satisfy it";
            if (!context.WhatIf)
            {
                throw new DscOffloadException(ErrorKind.NotSupported, message + "; set stops here");
            }

            context.Warn(message + "; a set would stop here");
        }

        return new SetOutcome(test.ActualState, (JObject)test.ActualState.DeepClone(), [], []);
    }
}
