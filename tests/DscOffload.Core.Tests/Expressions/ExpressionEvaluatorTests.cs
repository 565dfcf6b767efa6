using DscOffload.Core.Documents;
using DscOffload.Core.Expressions;
using DscOffload.Core.Json;
using Newtonsoft.Json.Linq;
using static DscOffload.Core.Tests.Documents.SourceText;

namespace DscOffload.Core.Tests.Expressions;

public class ExpressionEvaluatorTests
{
    private const string File = "expr.yaml";

    private static readonly JObject Parameters = (JObject)StructuredTextParser.Parse(
        "name: eth0\ncount: 3\nflag: true\nobj: { a: { b: [10, 20] } }\nlist: [1, 2]\n",
        "params.yaml");

    private static JToken EvaluateValue(string expression, JObject? variables = null)
    {
        var source = StructuredTextParser.Parse($"v: \"{expression}\"\n", File);
        return new ExpressionEvaluator(Parameters, variables).Evaluate(source)["v"]!;
    }

    [Theory]
    [InlineData("[parameters('name')]", "\"eth0\"")]
    [InlineData("[parameters('count')]", "3")]
    [InlineData("[parameters('obj')]", "{\"a\": {\"b\": [10, 20]}}")]
    [InlineData("[concat('a', 'b', parameters('name'))]", "\"abeth0\"")]
    [InlineData("[concat(parameters('list'), parameters('list'))]", "[1, 2, 1, 2]")]
    [InlineData("[resourceId('Contoso.Example/Setting', 'x y')]", "\"Contoso.Example/Setting:x%20y\"")]
    [InlineData("[equals(parameters('count'), 3)]", "true")]
    [InlineData("[equals(parameters('obj'), parameters('obj'))]", "true")]
    [InlineData("[equals(parameters('list'), parameters('obj'))]", "false")]
    [InlineData("[equals('a', 'b')]", "false")]
    [InlineData("[equals(-1, -1)]", "true")]
    [InlineData("[if(parameters('flag'), 'yes', 'no')]", "\"yes\"")]
    [InlineData("[if(not(parameters('flag')), 'yes', parameters('list'))]", "[1, 2]")]
    [InlineData("[and(true(), parameters('flag'), not(false()))]", "true")]
    [InlineData("[and(true(), false())]", "false")]
    [InlineData("[or(false(), false())]", "false")]
    [InlineData("[or(false(), equals(parameters('name'), 'eth0'))]", "true")]
    [InlineData("[true()]", "true")]
    [InlineData("[false()]", "false")]
    [InlineData("[parameters('obj').a.b[1]]", "20")]
    [InlineData("[parameters('obj')['a']]", "{\"b\": [10, 20]}")]
    [InlineData("[parameters('list')[0]]", "1")]
    [InlineData("[parameters('obj')[concat('a', '')].b[0]]", "10")]
    [InlineData("[concat('it''s', ' ok')]", "\"it's ok\"")]
    [InlineData("[ concat( 'a' ,\t'b' ) ]", "\"ab\"")]
    [InlineData("[concat('[x]', ']')]", "\"[x]]\"")]
    public void Evaluate_Expression_GivesItsValue(string expression, string expectedJson)
    {
        var value = EvaluateValue(expression);

        JToken.DeepEquals(value, JToken.Parse(expectedJson)).Should().BeTrue(because: $"{expression} gave {value}");
    }

    [Theory]
    [InlineData("[[parameters('name')]", "[parameters('name')]")]
    [InlineData("[[", "[")]
    [InlineData("[[not closed", "[not closed")]
    [InlineData("[not closed", "[not closed")]
    [InlineData("not opened]", "not opened]")]
    [InlineData("plain [parameters('name')] text", "plain [parameters('name')] text")]
    [InlineData("", "")]
    public void Evaluate_StringThatIsNotAnExpression_IsKeptOrUnescaped(string text, string expected)
    {
        EvaluateValue(text).Value<string>().Should().Be(expected);
    }

    [Theory]
    [InlineData("[nosuch('x')]", "unknown function 'nosuch'")]
    [InlineData("[if(true(), 'a', parameters('not-declared'))]", "unknown parameter 'not-declared'")]
    [InlineData("[Concat('a')]", "unknown function 'Concat' (did you mean 'concat'?")]
    [InlineData("[parameters('nope')]", "unknown parameter 'nope'; defined parameters: name, count, flag, obj, list")]
    [InlineData("[variables('nope')]", "unknown variable 'nope'; defined variables: (none)")]
    [InlineData("[not('x')]", "not() expects a boolean as argument 1; got a string")]
    [InlineData("[if(1, 'a', 'b')]", "if() expects a boolean as argument 1; got an integer")]
    [InlineData("[and(true(), 'x')]", "and() expects a boolean as argument 2; got a string")]
    [InlineData("[parameters(1)]", "parameters() expects a string as argument 1; got an integer")]
    [InlineData("[resourceId('a')]", "resourceId() takes 2 arguments; got 1")]
    [InlineData("[not()]", "not() takes 1 argument; got 0")]
    [InlineData("[and(true())]", "and() takes at least 2 arguments; got 1")]
    [InlineData("[true(1)]", "true() takes 0 arguments; got 1")]
    [InlineData("[concat()]", "concat() takes at least 2 arguments; got 0")]
    [InlineData("[concat('a', 1)]", "concat() expects a string or an array as argument 2; got an integer")]
    [InlineData("[concat(parameters('list'), 'a')]", "argument 1 is a sequence/array but argument 2 is a string")]
    [InlineData("[concat(1, 2)]", "concat() expects a string or an array as argument 1; got an integer")]
    [InlineData("[concat('a']", "expected ')'; found the end of the expression at character 12")]
    [InlineData("[concat('a)]", "unterminated string literal")]
    [InlineData("[]", "expected a function call")]
    [InlineData("['a']", "expected a function call")]
    [InlineData("[concat]", "expected '(' after 'concat'")]
    [InlineData("[concat('a',)]", "expected a string in single quotes, an integer, true, false or a function call")]
    [InlineData("[parameters('name') x]", "unexpected text after the expression")]
    [InlineData("[parameters('obj').]", "expected a property name after '.'")]
    [InlineData("[parameters('obj').zzz]", "the object has no property 'zzz'; it has: a")]
    [InlineData("[parameters('list')[5]]", "index 5 is out of range; the array has 2 elements")]
    [InlineData("[parameters('list')[true()]]", "an index must be an integer or a string, not a boolean")]
    [InlineData("[parameters('name').x]", "cannot read property 'x' of a string")]
    [InlineData("[parameters('name')[0]]", "cannot index a string with an integer")]
    [InlineData("[equals(99999999999999999999, 1)]", "invalid integer literal")]
    public void Evaluate_InvalidExpression_IsAnErrorAtTheString(string expression, string fragment)
    {
        var text = $"v: \"{expression}\"\n";

        ShouldFailAt(
            () => new ExpressionEvaluator(Parameters).Evaluate(StructuredTextParser.Parse(text, File)),
            Locate(text, File, "\""),
            fragment);
    }

    [Fact]
    public void Evaluate_DeeplyNestedCalls_AreRejectedWithoutExhaustingTheStack()
    {
        var expression = "[" + string.Concat(Enumerable.Repeat("not(", 10_000)) + "true()" + new string(')', 10_000) + "]";

        var error = FluentActions.Invoking(() => new ExpressionEvaluator(Parameters).Evaluate(new JValue(expression)))
            .Should().Throw<Diagnostics.DscOffloadException>().Which;

        error.Message.Should().Contain("nested deeper than");
    }

    [Fact]
    public void Evaluate_Tree_ReturnsADeepCopyWithEveryNodeAtItsSourceLocation()
    {
        const string text = "top:\n  name: \"[parameters('name')]\"\n  items: [1, \"[[x\", { deep: \"[parameters('count')]\" }]\n  same: plain\n";
        var source = StructuredTextParser.Parse(text, File);

        var result = new ExpressionEvaluator(Parameters).Evaluate(source);

        result.Should().NotBeSameAs(source);
        result["top"]!["name"]!.Value<string>().Should().Be("eth0");
        result["top"]!["items"]![1]!.Value<string>().Should().Be("[x");
        result["top"]!["items"]![2]!["deep"]!.Value<long>().Should().Be(3);
        foreach (var (from, to) in Pairs(source, result))
        {
            to.Location().Should().Be(from.Location(), because: $"{to.Path} should keep its location");
        }

        source["top"]!["name"]!.Value<string>().Should().Be("[parameters('name')]");
    }

    [Fact]
    public void Evaluate_Result_IsIndependentOfTheParameterValues()
    {
        var evaluator = new ExpressionEvaluator(Parameters);

        var value = (JObject)evaluator.Evaluate(new JValue("[parameters('obj')]"));
        value["a"] = "changed";

        Parameters["obj"]!["a"]!["b"]![0]!.Value<long>().Should().Be(10);
    }

    [Fact]
    public void Constructor_VariablesUsingParametersAndEarlierVariables_AreEvaluatedInOrder()
    {
        var variables = (JObject)StructuredTextParser.Parse(
            "prefix: \"[concat('nic-', parameters('name'))]\"\nlabel: \"[concat(variables('prefix'), '-main')]\"\nlist: \"[parameters('list')]\"\n",
            "vars.yaml");

        var evaluator = new ExpressionEvaluator(Parameters, variables);

        evaluator.Variables["label"]!.Value<string>().Should().Be("nic-eth0-main");
        EvaluateValue("[variables('list')[1]]", variables).Value<long>().Should().Be(2);
        variables["label"]!.Value<string>().Should().StartWith("[concat");
    }

    [Theory]
    [InlineData("a: \"[variables('b')]\"\nb: x\n", "variable 'b' is used before it is defined")]
    [InlineData("a: \"[variables('a')]\"\n", "variable 'a' is used before it is defined")]
    [InlineData("a: \"[variables('zzz')]\"\nb: x\n", "unknown variable 'zzz'; defined variables: a, b")]
    public void Constructor_VariableReferringToALaterOrUnknownVariable_IsAnErrorAtIt(string text, string fragment)
    {
        var variables = (JObject)StructuredTextParser.Parse(text, "vars.yaml");

        ShouldFailAt(() => _ = new ExpressionEvaluator(Parameters, variables), Locate(text, "vars.yaml", "\"[variables"), fragment);
    }

    [Theory]
    [InlineData("[parameters('x')]", true)]
    [InlineData("[x", false)]
    [InlineData("[[x]", false)]
    [InlineData("x]", false)]
    [InlineData("[]", true)]
    public void IsExpression_RecognisesBracketedStringsExceptEscapes(string text, bool expected)
    {
        ExpressionEvaluator.IsExpression(text).Should().Be(expected);
    }

    private static IEnumerable<(JToken From, JToken To)> Pairs(JToken from, JToken to)
    {
        yield return (from, to);
        if (from is JContainer container && to is JContainer result && from.Type == to.Type)
        {
            var left = container.Children().ToList();
            var right = result.Children().ToList();
            for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
            {
                foreach (var pair in Pairs(left[i], right[i]))
                {
                    yield return pair;
                }
            }
        }
    }
}
