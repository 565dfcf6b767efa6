using System.CommandLine;
using DscOffload.Reporting.Explanations;

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
        var name = new Argument<string>("name")
        {
            // A fixed text: listing the names here would parse the coexistence table on every start of
            // the binary, whatever the command. An unknown name prints the full list.
            Description = "An offload (chimney, rss, rsc, lso, checksum, taskoffload, netdma, ipsecoffload, tso, gso, gro, …) or a condition id.",
        };
        command.Arguments.Add(name);
        command.SetAction(parse => CommandGuard.Run(streams =>
        {
            CoexistenceExplanation.Write(streams.Out, parse.GetValue(name)!);
            return CliExitCode.Success;
        }));
        return command;
    }
}
