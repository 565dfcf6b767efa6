namespace DscOffload.Windows.Tests.Fakes;

/// <summary>One ModifyInstance the fake accepted: which instance, which properties, which options.</summary>
public sealed record FakeCimModification(string ClassName, string InstancePath, IReadOnlyDictionary<string, object?> Changes, IReadOnlyDictionary<string, object> Options);
