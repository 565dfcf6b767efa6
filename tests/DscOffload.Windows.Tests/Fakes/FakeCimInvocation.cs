namespace DscOffload.Windows.Tests.Fakes;

/// <summary>One method call the fake received.</summary>
public sealed record FakeCimInvocation(string ClassName, string InstancePath, string Method, IReadOnlyDictionary<string, object?> Arguments);
