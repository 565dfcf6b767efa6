using System.Reflection;
using DscOffload.Cli.Tests.Process;
using Newtonsoft.Json.Linq;

namespace DscOffload.Cli.Tests.Protocol;

/// <summary>
/// The DSC command-resource protocol of one type, checked the way dsc's command_resource.rs drives it
/// (<see cref="DscCommandResource"/>): every operation the type's manifest entry declares is run through the
/// published binary with the argument list and stdin dsc builds, and its output is read and validated as dsc
/// reads it. One derived class a type and host (<see cref="CommandResourceTypeAttribute"/>); the coverage test
/// in <see cref="ProtocolCoverageTests"/> fails when a manifest type has none.
/// </summary>
public abstract class CommandResourceProtocolTests
{
    /// <summary>The type under test, from the class's <see cref="CommandResourceTypeAttribute"/>.</summary>
    protected string Type => GetType().GetCustomAttribute<CommandResourceTypeAttribute>()!.Type;

    /// <summary>The type's manifest entry.</summary>
    protected DscManifestEntry Entry => DscManifestEntry.For(Type);

    /// <summary>A desired state the host is not in.</summary>
    protected abstract string DriftedInput { get; }

    /// <summary>A desired state the host is in.</summary>
    protected abstract string InDesiredStateInput { get; }

    /// <summary>True for a recorded host (set refused, what-if only); false for a live one.</summary>
    protected abstract bool ReadOnlyHost { get; }

    /// <summary>
    /// True for a read-only type whose set is an assertion: it changes nothing, succeeds when the host is in the
    /// desired state and fails (what-if: warns) when it is not.
    /// </summary>
    protected virtual bool SetAsserts => false;

    /// <summary>
    /// Runs the binary against this class's host with arguments, stdin (null: none) and extra environment, started by
    /// <paramref name="launcher"/> when given (a program and its arguments, such as <c>setpriv</c> to drop root).
    /// </summary>
    protected abstract ProcessResult RunBinary(IReadOnlyList<string> args, string? stdin, IDictionary<string, string?> env, IReadOnlyList<string>? launcher = null);

    /// <summary>
    /// A dsc driving this type's binary, elevated or not; an unelevated dsc started by root runs the binary as
    /// nobody, so what it reads it reads without privileges.
    /// </summary>
    protected DscCommandResource Dsc(bool elevated = true)
    {
        IReadOnlyList<string>? launcher = !elevated && Environment.IsPrivilegedProcess ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : null;
        return new(Entry, (args, stdin, env) => RunBinary(args, stdin, env, launcher), elevated);
    }

    [ProtocolFact]
    public void Manifest_DeclaresGetAndTest_AndEmbedsTheSchemaTheBinaryPrints()
    {
        Entry.DeclaredOperations.Should().Contain(["get", "test"], "dsc config get and test call them");
        foreach (var operation in Entry.DeclaredOperations)
        {
            Entry.Method(operation)!.Executable.Should().Be("dscoffload", "the manifest sits next to the binary");
        }

        var schema = RunBinary(["resource", "schema", "--type", Type], null, new Dictionary<string, string?>());
        schema.ExitCode.Should().Be(0, schema.ToString());
        JToken.DeepEquals(JToken.Parse(schema.Stdout), Entry.EmbeddedSchema).Should().BeTrue("the embedded schema is what `resource schema` prints");
        Entry.ExitCodes.Should().ContainKey(0);
    }

    [ProtocolFact]
    public void Get_WithTheDesiredStateAsFilter_PassesItAsDscDoes_AndPrintsOneSchemaValidState()
    {
        var dsc = Dsc();

        var state = dsc.Get(DriftedInput);

        state.Should().BeOfType<JObject>();
        var run = dsc.Invocations.Should().ContainSingle().Subject;
        run.Args.Should().Equal(Entry.Method("get")!.BuildArgs(DriftedInput));
        run.Stdin.Should().Be(Entry.Method("get")!.Input == "stdin" ? DriftedInput : null);
        dsc.Violations.Should().BeEmpty();
    }

    [ProtocolFact]
    public void Get_WithoutInput_AsDscResourceGetSendsIt_PrintsSchemaValidState()
    {
        var dsc = Dsc();

        var state = dsc.Get("");

        state.Should().BeOfType<JObject>();
        var run = dsc.Invocations.Should().ContainSingle().Subject;
        run.Stdin.Should().BeNull("dsc sends no stdin without input");
        dsc.Violations.Should().BeEmpty();
    }

    [ProtocolFact]
    public void Test_OfADriftedState_IsNotInDesiredState_AndNamesDifferingSchemaProperties()
    {
        var dsc = Dsc();

        var result = dsc.Test(DriftedInput);

        result.InDesiredState.Should().BeFalse();
        result.DifferingProperties.Should().NotBeEmpty().And.OnlyContain(p => Entry.EmbeddedSchema!["properties"]![p] != null, "dsc shows them as property names");
        dsc.Operations.Should().Equal(Entry.Method("test") is null ? "get" : "test");
        dsc.Violations.Should().BeEmpty();
    }

    [ProtocolFact]
    public void Test_OfAStateTheHostIsIn_IsInDesiredState_WithNoDifferingProperties()
    {
        var dsc = Dsc();

        var result = dsc.Test(InDesiredStateInput);

        result.InDesiredState.Should().BeTrue(string.Join("\n", dsc.Invocations));
        result.DifferingProperties.Should().BeEmpty();
        dsc.Violations.Should().BeEmpty();
    }

    [ProtocolFact]
    public void Test_AndGetAndExport_RunUnelevated()
    {
        var dsc = Dsc(elevated: false);

        dsc.Test(DriftedInput);
        dsc.Get(DriftedInput);
        dsc.Export(null);

        foreach (var operation in new[] { "get", "test", "export" })
        {
            Entry.Method(operation)?.RequireSecurityContext.Should().NotBe("elevated", "dsc config test and get must run unelevated");
        }

        dsc.Violations.Should().BeEmpty();
    }

    [ProtocolFact]
    public void SetWhatIf_RunsTestThenGetThenSetWithWhatIf_ReportsChanges_AndChangesNothing()
    {
        var dsc = Dsc();
        var set = Entry.Method("set");
        if (set is null)
        {
            FluentActions.Invoking(() => dsc.Set(DriftedInput, whatIf: true)).Should().Throw<DscCommandException>().WithMessage("Not implemented: set*");
            dsc.Invocations.Should().BeEmpty();
            return;
        }

        var result = dsc.Set(DriftedInput, whatIf: true);

        set.HasWhatIfArg.Should().BeTrue("dsc otherwise answers what-if with its synthetic test");
        dsc.Operations.Should().Equal(set.ImplementsPretest ? ["get", "set"] : ["test", "get", "set"]);
        dsc.Invocations[^1].Args.Should().Equal(set.BuildArgs(DriftedInput, whatIf: true));
        if (SetAsserts)
        {
            result.ChangedProperties.Should().BeNullOrEmpty("an assertion changes nothing");
            dsc.Invocations[^1].Traces.Should().Contain(t => t.Level == "warn" && t.Message.Contains("read-only"), "what-if says the real set would stop");
        }
        else
        {
            result.ChangedProperties.Should().NotBeNullOrEmpty();
        }

        Dsc().Test(DriftedInput).InDesiredState.Should().BeFalse("what-if changed nothing");
        dsc.Violations.Should().BeEmpty();
    }

    [ProtocolFact]
    public void Set_WhenAlreadyInDesiredState_RunsOnlyTest_AndReportsTheDesiredStateAsBefore()
    {
        var dsc = Dsc();
        var set = Entry.Method("set");
        if (set is null)
        {
            FluentActions.Invoking(() => dsc.Set(InDesiredStateInput, whatIf: false)).Should().Throw<DscCommandException>().WithMessage("Not implemented: set*");
            return;
        }

        var result = dsc.Set(InDesiredStateInput, whatIf: false);

        dsc.Operations.Should().Equal(set.ImplementsPretest ? ["get", "set"] : ["test"]);
        result.ChangedProperties.Should().BeNull("dsc reports no change without running set");
        JToken.DeepEquals(result.BeforeState, JToken.Parse(InDesiredStateInput)).Should().BeTrue();
        dsc.Violations.Should().BeEmpty();
    }

    [ProtocolFact]
    public void Set_OfADriftedState_ChangesTheLiveHost_OrIsRefusedOnARecordedOne()
    {
        var dsc = Dsc();
        if (Entry.Method("set") is null)
        {
            FluentActions.Invoking(() => dsc.Set(DriftedInput, whatIf: false)).Should().Throw<DscCommandException>().WithMessage("Not implemented: set*");
            return;
        }

        if (ReadOnlyHost || SetAsserts)
        {
            var refused = FluentActions.Invoking(() => dsc.Set(DriftedInput, whatIf: false)).Should().Throw<DscCommandException>().Which;
            refused.Invocation!.Operation.Should().Be("set");
            refused.Invocation.Result.Stdout.Should().BeEmpty();
            refused.Invocation.Traces.Should().Contain(t => t.Level == "error" && t.Message.Contains("read-only"));
            Entry.ExitCodes.Should().ContainKey(refused.Invocation.Result.ExitCode);
        }
        else
        {
            var result = dsc.Set(DriftedInput, whatIf: false);
            dsc.Operations.Should().Equal(Entry.Method("set")!.ImplementsPretest ? ["get", "set"] : ["test", "get", "set"]);
            result.ChangedProperties.Should().NotBeNullOrEmpty();
            Dsc().Test(DriftedInput).InDesiredState.Should().BeTrue("set reached the desired state");
        }

        dsc.Violations.Should().BeEmpty();
    }

    [ProtocolFact]
    public void Set_Unelevated_IsRefusedByDscBeforeAnyRun_WhenTheManifestRequiresElevation()
    {
        var set = Entry.Method("set");
        var dsc = Dsc(elevated: false);
        if (set?.RequireSecurityContext != "elevated")
        {
            // Without the declaration, a real set must be refused by the binary itself (exit 3), checked by the live tests.
            set?.RequireSecurityContext.Should().BeNull();
            return;
        }

        FluentActions.Invoking(() => dsc.Set(DriftedInput, whatIf: false)).Should().Throw<DscCommandException>().WithMessage("Security context*");
        dsc.Invocations.Should().BeEmpty();
    }

    [ProtocolFact]
    public void Export_WithoutInput_PrintsSchemaValidInstances_EachNamed()
    {
        var dsc = Dsc();

        var instances = dsc.Export(null);

        instances.Should().NotBeEmpty();
        instances.Should().AllSatisfy(i => i["_name"]!.Type.Should().Be(JTokenType.String));
        if (Entry.Method("export") is { } export)
        {
            dsc.Invocations.Single().Args.Should().Equal(export.BuildArgs(""));
        }

        dsc.Violations.Should().BeEmpty();
    }

    [ProtocolFact]
    public void InvalidInput_EveryInputOperation_ExitsWithADeclaredCode_AndAnErrorLineNamingTheProperty()
    {
        const string Input = """{"noSuchProperty":true}""";
        var dsc = Dsc();
        FluentActions.Invoking(() => dsc.Verify(Input, "input")).Should().Throw<DscCommandException>("dsc refuses it before running anything");

        foreach (var operation in Entry.DeclaredOperations.Where(o => o is "get" or "test" or "set"))
        {
            var method = Entry.Method(operation)!;
            var result = RunBinary(method.BuildArgs(Input, whatIf: true), method.Input == "stdin" ? Input : null, new Dictionary<string, string?>());
            result.ExitCode.Should().NotBe(0, $"{operation}: {result}");
            Entry.ExitCodes.Should().ContainKey(result.ExitCode);
            result.Stdout.Should().BeEmpty();
            result.StderrLines.Select(DscTraceLine.Parse).Should().ContainSingle(t => t != null && t.Level == "error")
                .Which!.Message.Should().Contain("noSuchProperty").And.NotContain("   at ");
        }
    }
}
