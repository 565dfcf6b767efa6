using DscOffload.Core.Diagnostics;
using DscOffload.Core.Expressions;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace DscOffload.Core.Tests.Conformance;

/// <summary>
/// dsc's documented behaviour of every built-in function, as cases with expected output or expected error
/// (Conformance/function-cases.tsv), and the figure "N of M dsc functions implemented" against dsc's own list
/// (Conformance/dsc-functions.txt, copied with its source commit).
/// </summary>
public sealed class FunctionConformanceTests(ITestOutputHelper output)
{
    private static readonly JObject Parameters = new() { ["name"] = "eth0" };

    private static readonly JObject Variables = new() { ["v"] = "value" };

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (function, expression, expected) in ReadCases())
        {
            data.Add(function, expression, expected);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Function_BehavesAsDscDocuments(string function, string expression, string expected)
    {
        var evaluator = new ExpressionEvaluator(Parameters, Variables, new ExpressionOptions { Host = new ProcessExpressionHost("/") });
        var act = () => evaluator.Evaluate(new JValue(expression));

        if (expected.StartsWith('!'))
        {
            act.Should().Throw<DscOffloadException>(because: $"{function}: {expression}").Which.Message.Should().Contain(expected[1..]);
            return;
        }

        var value = act();
        var want = expected switch
        {
            "@os" => new JValue(OperatingSystem.IsWindows() ? "Windows" : OperatingSystem.IsMacOS() ? "macOS" : "Linux"),
            "@bitness" => new JValue(Environment.Is64BitOperatingSystem ? 64 : 32),
            "@path" => new JValue(Path.Combine("a", "b")),
            _ => JToken.Parse(expected),
        };
        JToken.DeepEquals(value, want).Should().BeTrue(because: $"{function}: {expression} gave {value.ToString(Newtonsoft.Json.Formatting.None)}, expected {want.ToString(Newtonsoft.Json.Formatting.None)}");
    }

    [Fact]
    public void Library_ReportsHowManyDscFunctionsAreImplemented_AndJustifiesEveryMissingOne()
    {
        var dscFunctions = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Conformance", "dsc-functions.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        var implemented = dscFunctions.Where(ExpressionFunctionLibrary.IsImplemented).ToList();
        var missing = dscFunctions.Except(implemented).ToList();

        output.WriteLine($"{implemented.Count} of {dscFunctions.Count} dsc functions implemented");
        foreach (var name in missing)
        {
            output.WriteLine($"  missing: {name}: {ExpressionFunctionLibrary.NotImplemented.GetValueOrDefault(name, "NOT JUSTIFIED")}");
        }

        missing.Should().OnlyContain(name => ExpressionFunctionLibrary.NotImplemented.ContainsKey(name), "every missing function needs a stated reason");
        ExpressionFunctionLibrary.Known.Should().BeEquivalentTo(dscFunctions, "the parser knows exactly dsc's library");
    }

    [Fact]
    public void EveryDscFunction_HasAtLeastOneConformanceCase()
    {
        var covered = ReadCases().Select(c => c.Function).ToHashSet(StringComparer.Ordinal);

        ExpressionFunctionLibrary.Known.Where(name => !covered.Contains(name)).Should().BeEmpty("each function needs a case with expected output or error");
    }

    private static IEnumerable<(string Function, string Expression, string Expected)> ReadCases()
    {
        foreach (var line in File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Conformance", "function-cases.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t');
            yield return (parts[0], parts[1], parts[2]);
        }
    }
}
