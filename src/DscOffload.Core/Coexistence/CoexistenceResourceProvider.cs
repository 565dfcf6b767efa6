using DscOffload.Core.Diagnostics;
using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;

namespace DscOffload.Core.Coexistence;

/// <summary>
/// Creates a platform's OffloadCoexistence type for the live host (through the platform's probe) or a
/// recorded one (through <see cref="RecordedCoexistenceProbe"/>). The descriptor comes from the table.
/// </summary>
public abstract class CoexistenceResourceProvider : IResourceTypeProvider
{
    private readonly Lazy<ResourceDescriptor> _descriptor;

    /// <summary>Creates the provider for the table of <paramref name="platform"/>.</summary>
    protected CoexistenceResourceProvider(string platform, string description)
    {
        Table = CoexistenceTable.ForPlatform(platform)
            ?? throw new DscOffloadException(ErrorKind.Unexpected, $"the coexistence table has no {platform} section");
        _descriptor = new Lazy<ResourceDescriptor>(() => CoexistenceDescriptor.Build(Table, description));
    }

    /// <summary>The platform's table.</summary>
    public PlatformCoexistenceTable Table { get; }

    /// <inheritdoc />
    public ResourceDescriptor Descriptor => _descriptor.Value;

    /// <inheritdoc />
    public IResourceType CreateLive() => new CoexistenceResource(Descriptor, Table, CreateLiveProbe());

    /// <inheritdoc />
    public IResourceType CreateRecorded(RecordedHost host) => new CoexistenceResource(Descriptor, Table, new RecordedCoexistenceProbe(host, Table));

    /// <summary>
    /// The probe of the live host. Throws <see cref="DscOffloadException"/> (<c>NotSupported</c>) on
    /// another operating system.
    /// </summary>
    protected abstract ICoexistenceProbe CreateLiveProbe();
}
