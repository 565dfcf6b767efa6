using DscOffload.Cli.Commands;
using DscOffload.Core.Protocol;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Process;

/// <summary>
/// The start-up fast path reads exactly the argument lists dsc builds from the manifests and declines every other
/// spelling, which the command-line parser then handles (docs/performance.md).
/// </summary>
public class ResourceCommandLineTests
{
    private const string Type = "DscOffload.Linux/NetAdapterOffload";
    private const string Input = "{\"name\":\"eth0\"}";

    /// <summary>Every operation of every manifest, as dsc would call it (input in place of the jsonInputArg).</summary>
    public static TheoryData<string[]> ManifestCalls()
    {
        var data = new TheoryData<string[]>();
        var manifests = JObject.Parse(File.ReadAllText(RepositoryPaths.InRepo("schemas", "dscoffload.dsc.manifests.json")));
        foreach (var manifest in manifests["resources"]!.Children<JObject>())
        {
            foreach (var operation in new[] { "get", "test", "set", "export", "schema" })
            {
                // The schema is embedded in the manifest, not a command.
                if (manifest[operation] is not JObject call || call["args"] is not JArray argList)
                {
                    continue;
                }

                var args = new List<string>();
                string? whatIf = null;
                foreach (var arg in argList)
                {
                    if (arg is JObject { } special && special.Value<string>("jsonInputArg") is { } inputOption)
                    {
                        args.Add(inputOption);
                        args.Add(Input);
                    }
                    else if (arg is JObject other)
                    {
                        whatIf = other.Value<string>("whatIfArg"); // added by dsc only when what-if is asked for
                    }
                    else
                    {
                        args.Add(arg.Value<string>()!);
                    }
                }

                data.Add([.. args]);
                if (whatIf is not null)
                {
                    data.Add([.. args, whatIf]);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ManifestCalls))]
    public void TryRead_OfEachManifestCall_ReadsIt(string[] args)
    {
        var call = ResourceCommandLine.TryRead(args);

        call.Should().NotBeNull(string.Join(' ', args));
        call!.Operation.ToString().ToLowerInvariant().Should().Be(args[1]);
        call.Type.Should().Be(args[args.ToList().IndexOf("--type") + 1]);
        call.WhatIf.Should().Be(args.Contains("--what-if"));
    }

    [Fact]
    public void TryRead_OfShortOptionsInAnyOrder_ReadsThem()
    {
        var call = ResourceCommandLine.TryRead(["resource", "set", "-w", "-i", Input, "-r", Type]);

        call.Should().Be(new ResourceCall(ResourceOperation.Set, Type, Input, WhatIf: true));
    }

    [Theory]
    [InlineData("resource", "test", "--type=" + Type, "--input", Input)]
    [InlineData("resource", "test", "--type", Type, "--input:" + Input)]
    [InlineData("resource", "test", "--type", Type, "--type", Type)]
    [InlineData("resource", "test", "--type", Type, "--input", Input, "--input", Input)]
    [InlineData("resource", "test", "--input", Input)]
    [InlineData("resource", "test", "--type", Type, "--input", "name: eth0")]
    [InlineData("resource", "test", "--type", Type, "--input", Input, "--what-if")]
    [InlineData("resource", "set", "--type", Type, "--input", Input, "--what-if", "true")]
    [InlineData("resource", "schema", "--type", Type, "--input", Input)]
    [InlineData("resource", "test", "--type", Type, "--input", Input, "--help")]
    [InlineData("resource", "test", "--type", Type, "-h")]
    [InlineData("resource", "test", "--type", "/?", "--input", Input)]
    [InlineData("resource", "test", "--type", "@args.rsp")]
    [InlineData("resource", "test", "--type", "--input", "--input", Input)]
    [InlineData("resource", "Test", "--type", Type, "--input", Input)]
    [InlineData("resource", "list", "--type", Type, "--input", Input)]
    [InlineData("-l", "info", "resource", "test", "--type", Type, "--input", Input)]
    [InlineData("resource", "test", "--type", Type, "--input", Input, "extra")]
    [InlineData("config", "test", "--type", Type, "--input", Input)]
    public void TryRead_OfAnyOtherSpelling_LeavesItToTheParser(params string[] args)
    {
        ResourceCommandLine.TryRead(args).Should().BeNull(string.Join(' ', args));
    }
}
