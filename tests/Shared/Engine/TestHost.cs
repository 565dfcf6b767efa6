using DscOffload.Core.Engine;
using DscOffload.Core.Resources;

namespace DscOffload.Tests.Engine;

/// <summary>
/// A changeable (not recorded) host over test platforms: the engine sees an ordinary live-like target, and the
/// resources are built non-live so no test needs root or elevation. It names the resource types it serves.
/// </summary>
public abstract class TestHost : HostTarget
{
    /// <inheritdoc />
    public override bool IsRecorded => false;

    /// <summary>The resource types documents run against this host may use.</summary>
    public abstract ResourceCatalog Catalog { get; }
}
