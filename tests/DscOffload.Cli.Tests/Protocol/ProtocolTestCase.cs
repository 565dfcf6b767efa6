using Xunit.Abstractions;
using Xunit.Sdk;

namespace DscOffload.Cli.Tests.Protocol;

/// <summary>A test case whose skip reason was decided at discovery (see <see cref="ProtocolFactDiscoverer"/>).</summary>
public sealed class ProtocolTestCase : XunitTestCase
{
    private string? _skip;

    /// <summary>For deserialization only.</summary>
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ProtocolTestCase()
    {
    }

    /// <summary>A case of <paramref name="testMethod"/>, skipped when <paramref name="skip"/> is not null.</summary>
    public ProtocolTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod, string? skip)
        : base(sink, display, options, testMethod) => _skip = skip;

    /// <inheritdoc />
    protected override string? GetSkipReason(IAttributeInfo factAttribute) => _skip ?? base.GetSkipReason(factAttribute);

    /// <inheritdoc />
    public override void Serialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        base.Serialize(data);
        data.AddValue("ProtocolSkip", _skip);
    }

    /// <inheritdoc />
    public override void Deserialize(IXunitSerializationInfo data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _skip = data.GetValue<string?>("ProtocolSkip");
        base.Deserialize(data);
    }
}
