using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Resources;

/// <summary>A resource that can bring the host into a desired state.</summary>
public interface ISettableResource : ITestableResource
{
    /// <summary>
    /// Changes what differs from <paramref name="desired"/> and verifies the result, or, when
    /// <see cref="OperationContext.WhatIf"/> is set, only predicts the after-state. Failures are
    /// thrown as <see cref="Diagnostics.DscOffloadException"/>; a failure after some change is a
    /// <see cref="PartialApplyException"/> that carries exactly what was changed.
    /// </summary>
    SetOutcome Set(JObject desired, OperationContext context);
}
