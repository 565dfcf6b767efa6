using DscOffload.Core.Resources;

namespace DscOffload.Packaging.PowerShell;

/// <summary>
/// The PowerShell class-based (PSDSC) resource that wraps one DscOffload resource type for Azure Machine
/// Configuration. Generated from the descriptor, so the descriptor stays the single source of truth:
/// every own property becomes a class property with the same name; canonical <c>_</c> properties are
/// left out; a type without a key (one instance per host) gets the conventional <c>IsSingleInstance</c> key.
/// </summary>
public sealed class WrapperClass
{
    /// <summary>The PowerShell module that holds the wrapper classes.</summary>
    public const string ModuleName = "DscOffload";

    /// <summary>
    /// The embedded class of the <c>Reasons</c> property ({Code, Phrase}). Prefixed with the module name, as
    /// Microsoft's own Machine Configuration resources do, so it cannot clash with another module's class.
    /// </summary>
    public const string ReasonClassName = "DscOffloadReason";

    /// <summary>The synthetic key of single-instance types; its only value is <c>Yes</c>.</summary>
    public const string SingleInstanceKey = "IsSingleInstance";

    /// <summary>The name of the Reasons property that Machine Configuration reads from Get.</summary>
    public const string ReasonsProperty = "Reasons";

    private WrapperClass(ResourceDescriptor descriptor, string className, IReadOnlyList<WrapperProperty> properties, bool isSingleInstance)
    {
        Descriptor = descriptor;
        ClassName = className;
        Properties = properties;
        IsSingleInstance = isSingleInstance;
    }

    /// <summary>The wrapped resource type.</summary>
    public ResourceDescriptor Descriptor { get; }

    /// <summary>The PowerShell class name, which is also the MOF class name and the PSDSC resource name.</summary>
    public string ClassName { get; }

    /// <summary>The class properties: the synthetic key first (if any), then the descriptor's properties in order.</summary>
    public IReadOnlyList<WrapperProperty> Properties { get; }

    /// <summary>True when the type has no key of its own and uses <see cref="SingleInstanceKey"/>.</summary>
    public bool IsSingleInstance { get; }

    /// <summary>
    /// The reason code prefix, <c>&lt;ClassName&gt;:&lt;ClassName&gt;:</c>; the property name (a short identifier
    /// without spaces) follows. Machine Configuration documents the code as the resource name, repeated, then
    /// the reason's identifier, colon-delimited without spaces (its example: <c>registry:registry:keynotpresent</c>);
    /// the class name is the resource name, so the Windows and Linux types of one short name give distinct codes.
    /// </summary>
    public string ReasonCodePrefix => $"{ClassName}:{ClassName}:";

    /// <summary>Builds the wrapper class of <paramref name="descriptor"/>.</summary>
    public static WrapperClass For(ResourceDescriptor descriptor)
    {
        var properties = new List<WrapperProperty>();
        var hasKey = descriptor.Keys.Any();
        if (!hasKey)
        {
            properties.Add(new WrapperProperty(SingleInstanceKey, WrapperValueKind.String, WrapperPropertyRole.Key, ["Yes"],
                "Always 'Yes': the type has one instance per host.", null));
        }

        foreach (var p in descriptor.Properties)
        {
            var role = p.IsKey ? WrapperPropertyRole.Key : p.IsReadOnly ? WrapperPropertyRole.ReadOnly : WrapperPropertyRole.Configurable;
            properties.Add(new WrapperProperty(p.Name, WrapperProperty.KindOf(p.Type), role, p.AllowedValues, p.Description, p));
        }

        return new WrapperClass(descriptor, ClassNameOf(descriptor.Type), properties, !hasKey);
    }

    /// <summary>
    /// The class name of a type <c>Owner.Group/Name</c>: the group segments after the owner, then the name
    /// (<c>DscOffload.Windows/NetAdapterOffload</c> → <c>WindowsNetAdapterOffload</c>). The owner is dropped
    /// because the module already names it; the group is kept because Windows and Linux share short names.
    /// </summary>
    public static string ClassNameOf(string type)
    {
        var slash = type.IndexOf('/', StringComparison.Ordinal);
        var segments = type[..slash].Split('.');
        var name = string.Concat(segments.Skip(1)) + type[(slash + 1)..];
        return segments.Length == 1 ? segments[0] + name : name;
    }

    /// <summary>Finds a property by exact name.</summary>
    public WrapperProperty? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);
}
