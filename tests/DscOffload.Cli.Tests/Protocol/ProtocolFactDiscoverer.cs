using DscOffload.Tests.Privileged;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace DscOffload.Cli.Tests.Protocol;

/// <summary>Discovers a <see cref="ProtocolFactAttribute"/> test, skipped when its class needs privileges that are missing.</summary>
public sealed class ProtocolFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        var privileged = testMethod.TestClass.Class.GetCustomAttributes(typeof(PrivilegedProtocolHostAttribute)).Any();
        var reason = privileged ? PrivilegedTestEnvironment.SkipReasonFor(null) : null;
        yield return new ProtocolTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
    }
}
