using DscOffload.Core.Diagnostics;
using DscOffload.Core.Recorded;
using DscOffload.Core.Resources;

namespace DscOffload.Core.Coexistence;

/// <summary>
/// Creates a platform's OffloadCoexistence type for the live host (through the platform's probe) or a
/// recorded one (through <see cref="RecordedCoexistenceProbe"/>). The descriptor comes from the table,
/// which is read only when a coexistence type is actually used: every command builds the catalog, and
/// start-up of the native binary must not pay for parsing the table.
/// </summary>
public abstract class CoexistenceResourceProvider : IResourceTypeProvider
{
    private readonly string _typeName;
    private readonly Lazy<PlatformCoexistenceTable> _table;
    private readonly Lazy<ResourceDescriptor> _descriptor;

    /// <summary>Creates the provider of <paramref name="typeName"/> for the table of <paramref name="platform"/>.</summary>
    protected CoexistenceResourceProvider(string typeName, string platform, string description)
    {
        _typeName = typeName;
        _table = new Lazy<PlatformCoexistenceTable>(() => CoexistenceTable.ForPlatform(platform)
            ?? throw new DscOffloadException(ErrorKind.Unexpected, $"the coexistence table has no {platform} section"));
        _descriptor = new Lazy<ResourceDescriptor>(() =>
        {
            var descriptor = CoexistenceDescriptor.Build(Table, description);
            return string.Equals(descriptor.Type, _typeName, StringComparison.OrdinalIgnoreCase) ? descriptor
                : throw new DscOffloadException(ErrorKind.Unexpected, $"the coexistence table names {descriptor.Type}, the provider {_typeName}");
        });
    }

    /// <inheritdoc />
    string IResourceTypeProvider.TypeName => _typeName;

    /// <summary>The platform's table.</summary>
    public PlatformCoexistenceTable Table => _table.Value;

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
