namespace DscOffload.Core.Resources;

/// <summary>
/// A resource type bound to one target (the live host or one recorded host). What it can do is
/// expressed by the capability interfaces it implements (<see cref="IGettableResource"/>,
/// <see cref="ITestableResource"/>, <see cref="ISettableResource"/>, <see cref="IExportableResource"/>);
/// the engine and the DSC protocol both drive resources only through these.
/// </summary>
public interface IResourceType
{
    /// <summary>The static description of the type.</summary>
    ResourceDescriptor Descriptor { get; }
}
