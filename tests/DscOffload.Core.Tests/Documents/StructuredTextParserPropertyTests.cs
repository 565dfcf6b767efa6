using CsCheck;
using DscOffload.Core.Documents;
using DscOffload.Core.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Tests.Documents;

public class StructuredTextParserPropertyTests
{
    private const string File = "gen.json";

    /// <summary>Characters for YAML round trips: printable, including a quote, a backslash and non-ASCII.</summary>
    private static readonly Gen<string> PrintableString =
        Gen.Char["abcXYZ019 _-:#&*!'\"\\/[]{},.é€"].Array[0, 8].Select(chars => new string(chars));

    private static Gen<JToken> Trees(Gen<string> strings) =>
        Gen.Recursive<JToken>((depth, tree) =>
        {
            var scalar = Gen.OneOf(
                Gen.Long.Select(v => (JToken)new JValue(v)),
                Gen.Double.Where(double.IsFinite).Select(v => (JToken)new JValue(v)),
                Gen.Bool.Select(v => (JToken)new JValue(v)),
                strings.Select(v => (JToken)new JValue(v)),
                Gen.Const<JToken>(JValue.CreateNull()));
            if (depth >= 4)
            {
                return scalar;
            }

            var array = tree.Array[0, 4].Select(items => (JToken)new JArray(items));
            var obj = Gen.Select(strings, tree).Array[0, 4].Select(pairs =>
            {
                var result = new JObject();
                foreach (var (key, value) in pairs)
                {
                    result[key] = value;
                }

                return (JToken)result;
            });
            return Gen.OneOf(scalar, scalar, array, obj);
        });

    /// <summary>A container tree and its JSON text (compact or indented); failures print the text.</summary>
    private static Gen<Sample> Samples(Gen<string> strings) =>
        Gen.Select(Trees(strings).Array[0, 4], Gen.Bool, Gen.Bool).Select((items, asArray, indented) =>
        {
            var tree = asArray ? (JToken)new JArray(items) : new JObject(items.Select((v, i) => new JProperty($"k{i}", v)));
            return new Sample(tree, tree.ToString(indented ? Formatting.Indented : Formatting.None));
        });

    private static string Print(Sample sample) => sample.Text;

    [Fact]
    public void Parse_SerialisedJsonOfAnyTree_GivesAnEqualTree()
    {
        Samples(Gen.String).Sample(
            sample => JToken.DeepEquals(StructuredTextParser.Parse(sample.Text, File), sample.Tree),
            print: Print);
    }

    [Fact]
    public void Parse_SerialisedJsonOfAnyTree_LocatesEachNodeAtItsFirstCharacter()
    {
        Samples(Gen.String).Sample(LocationsPointAtTokenStarts, print: Print);
    }

    [Fact]
    public void ParseYaml_JsonTextOfAnyTree_GivesTheSameTreeAsTheJsonReader()
    {
        Samples(PrintableString).Sample(
            sample => JToken.DeepEquals(StructuredTextParser.ParseYaml(sample.Text, File), StructuredTextParser.Parse(sample.Text, File)),
            print: Print);
    }

    private static bool LocationsPointAtTokenStarts(Sample sample)
    {
        var text = sample.Text;
        var lineStarts = LineStarts(text);

        foreach (var node in ((JContainer)StructuredTextParser.Parse(text, File)).DescendantsAndSelf())
        {
            var at = node.Location()!.Value;
            var c = text[lineStarts[at.Line - 1] + at.Column - 1];
            var expected = node.Type switch
            {
                JTokenType.Object => c == '{',
                JTokenType.Array => c == '[',
                JTokenType.String or JTokenType.Property => c == '"',
                JTokenType.Integer or JTokenType.Float => c == '-' || char.IsAsciiDigit(c),
                JTokenType.Boolean => c is 't' or 'f',
                JTokenType.Null => c == 'n',
                _ => false,
            };
            if (!expected)
            {
                return false;
            }
        }

        return true;
    }

    public sealed record Sample(JToken Tree, string Text);

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
            else if (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }
}
