using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;

namespace DscOffload.Packaging.Tests.MachineConfiguration;

/// <summary>A Linux type without a set operation (as report-only types are), for the packaging rules that depend on it.</summary>
public sealed class ReportOnlyProvider : IResourceTypeProvider
{
    public ResourceDescriptor Descriptor { get; } = new()
    {
        Type = "DscOffload.Linux/OffloadReport",
        Version = "0.1.0",
        Description = "Reports only.",
        Platform = "Linux",
        CanSet = false,
        Properties =
        [
            new() { Name = "name", Type = PropertyType.String, IsKey = true },
            new() { Name = "summary", Type = PropertyType.String, IsReadOnly = true },
        ],
    };

    public IResourceType CreateLive() => throw new NotSupportedException();

    public IResourceType CreateRecorded(RecordedHost host) => throw new NotSupportedException();
}
