namespace DscOffload.Cli.Tests.Protocol;

/// <summary>The resource type a <see cref="CommandResourceProtocolTests"/> class checks (read by the coverage test).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CommandResourceTypeAttribute(string type) : Attribute
{
    /// <summary>The fully qualified type name.</summary>
    public string Type { get; } = type;
}
