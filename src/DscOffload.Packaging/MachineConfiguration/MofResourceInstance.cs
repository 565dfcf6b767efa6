using DscOffload.Packaging.PowerShell;
using Newtonsoft.Json.Linq;

namespace DscOffload.Packaging.MachineConfiguration;

/// <summary>One resource instance of a document as it goes into the MOF: its wrapper class and resolved values.</summary>
/// <param name="Wrapper">The wrapper class of the instance's type.</param>
/// <param name="Name">The instance name (the part after the class in <c>ResourceID</c>).</param>
/// <param name="Properties">The resolved properties (parameters bound, expressions evaluated).</param>
/// <param name="DependsOn">Resource IDs (<c>[Class]Name</c>) of the instances this one depends on.</param>
/// <param name="SourceInfo">Where the instance is written: <c>file::line::column::Class</c>.</param>
public sealed record MofResourceInstance(WrapperClass Wrapper, string Name, JObject Properties, IReadOnlyList<string> DependsOn, string SourceInfo)
{
    /// <summary>The PSDSC resource ID, <c>[ClassName]InstanceName</c>.</summary>
    public string ResourceId => ResourceIdOf(Wrapper.ClassName, Name);

    /// <summary>The resource ID of an instance of <paramref name="className"/>.</summary>
    public static string ResourceIdOf(string className, string name) => $"[{className}]{name}";
}
