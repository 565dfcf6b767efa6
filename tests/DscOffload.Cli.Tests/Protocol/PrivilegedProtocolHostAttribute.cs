namespace DscOffload.Cli.Tests.Protocol;

/// <summary>Marks a protocol test class whose host needs root (a veth pair in a private network namespace).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PrivilegedProtocolHostAttribute : Attribute;
