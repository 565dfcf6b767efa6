using Xunit.Sdk;

namespace DscOffload.Cli.Tests.Protocol;

/// <summary>
/// A fact of <see cref="CommandResourceProtocolTests"/>: it runs in every class deriving from it, and is skipped
/// with a reason in a class marked <see cref="PrivilegedProtocolHostAttribute"/> where privileged tests cannot run
/// (xunit 2 decides skipping per method, so the class's own need is read when the test is discovered).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("DscOffload.Cli.Tests.Protocol.ProtocolFactDiscoverer", "DscOffload.Cli.Tests")]
public sealed class ProtocolFactAttribute : FactAttribute;
