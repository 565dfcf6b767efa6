using System.CommandLine;
using DscOffload.Cli.Coexistence;

namespace DscOffload.Cli.Commands;

/// <summary>
/// <c>dscoffload explain NAME</c>: what the coexistence table (KB 951037 for Windows, the kernel's
/// behaviour for Linux) says about an offload or a condition. Reads no host.
/// </summary>
public static class ExplainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("explain", "Explain which host conditions (IPsec policy, Hyper-V, NLB, NAT, cluster, teaming, xfrm, bonding) stop or restrict an offload, from the coexistence table. Reads no host.");
        var name = new Argument<string>("name") { Description = $"An offload or condition: {string.Join(", ", CoexistenceExplanation.Names)}." };
        command.Arguments.Add(name);
        command.SetAction(parse => CommandGuard.Run(streams =>
        {
            CoexistenceExplanation.Write(streams.Out, parse.GetValue(name)!);
            return CliExitCode.Success;
        }));
        return command;
    }
}
