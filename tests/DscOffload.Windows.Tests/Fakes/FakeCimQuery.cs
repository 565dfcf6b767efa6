namespace DscOffload.Windows.Tests.Fakes;

/// <summary>One query the fake received.</summary>
public sealed record FakeCimQuery(string NamespaceName, string ClassName, string? Filter, IReadOnlyDictionary<string, object> Options);
