using DscOffload.Core.Diagnostics;

namespace DscOffload.Cli.Tests.Config;

public sealed class CliExitCodeTests
{
    [Fact]
    public void PartiallyApplied_MapsToExitCodeSevenOnTheCommandLine()
    {
        CliExitCode.For(ErrorKind.PartiallyApplied).Should().Be(7);
    }
}
