using System.Text;
using CsCheck;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Recorded;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static DscOffload.Core.Tests.Documents.SourceText;

namespace DscOffload.Core.Tests.Recorded;

/// <summary>
/// The fast snapshot reader against the full parser it stands in for: on generated snapshot texts, with the number,
/// string, escape, duplicate-key, comment and encoding cases where JSON readers differ, whatever the fast reader
/// accepts the full parser reads to the same host, and a fleet's read of any file (fast or not) gives the same host or
/// the same error as before.
/// </summary>
public class SnapshotReaderPropertyTests
{
    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "42", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
        "123456789012345678901234567890", "1.5", "-0.0", "0.1", "1e5", "1E+2", "2.5e-3", "-1.0E-7", "1e400", "-1e400",
        "1.7976931348623157e308", "4.9e-324", "01", "0x1F", "NaN", "Infinity", "1.", ".5", "+1", "5e", "1.0000000000000002",
    ];

    private static readonly string[] Strings =
    [
        "\"\"", "\"abc\"", "\"Disabled\"", "\"\\u00e9\"", "\"\\uD800\"", "\"\\uDC00x\"", "\"\\uD83D\\uDE00\"", "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"",
        "\"é€😀\"", "\"a\u007Fb\"", "\"n\u0085l\"", "\"c\u0086\"", "\"tab\there\"", "'single'", "\"\\x\"", "\"\\u0000\"", "\"a\u0001\"",
        "\"\uFEFF\"", "\"\u2028\"", "\"*FlowControl\"", "\"{6E1A3B0C-2F4D-4B7E-9A51-0C7D2E8F1A01}\"",
    ];

    private static readonly string[] Literals = ["true", "false", "null", "TRUE", "undefined"];

    private static readonly string[] Keys = ["\"a\"", "\"b\"", "\"\\u0061\"", "\"name\"", "\"type\"", "\"lsoIPv4\"", "\"advancedProperties\"", "\"\"", "c"];

    private static readonly string[] Blanks = ["", " ", "\n", "\r\n  ", "\t", " /* c */ ", " // c\n"];

    private static readonly Gen<string> Blank = Gen.Frequency((12, Gen.OneOfConst("", " ", "\n  ")), (1, Gen.OneOfConst(Blanks)));

    private static readonly Gen<string> Scalar = Gen.Frequency(
        (3, Gen.OneOfConst(Numbers)),
        (1, Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
        (3, Gen.OneOfConst(Strings)),
        (2, Gen.OneOfConst(Literals)));

    private static readonly Gen<string> Value = Gen.Recursive<string>((depth, value) =>
    {
        if (depth >= 3)
        {
            return Scalar;
        }

        var array = Gen.Select(value.Array[0, 4], Blank, Gen.Int[0, 30]).Select((items, blank, trailing) =>
            "[" + blank + string.Join("," + blank, items) + (trailing == 0 && items.Length > 0 ? "," : "") + "]");
        return Gen.Frequency((4, Scalar), (1, array), (2, Object(value)));
    });

    private static Gen<string> Object(Gen<string> value) =>
        Gen.Select(Gen.Select(Gen.OneOfConst(Keys), Blank, value).Array[0, 5], Gen.Int[0, 30]).Select((members, trailing) =>
            "{" + string.Join(",", members.Select(m => m.Item2 + m.Item1 + ":" + m.Item2 + m.Item3)) + (trailing == 0 && members.Length > 0 ? "," : "") + "}");

    /// <summary>A snapshot-shaped document: metadata, resources with type, name and properties, each part sometimes odd.</summary>
    private static readonly Gen<byte[]> Snapshot =
        Gen.Select(
            Gen.Frequency((8, Gen.Const("")), (1, Gen.Const("\uFEFF")), (1, Gen.Const("\uFEFF\uFEFF"))),
            Gen.Frequency((6, Gen.Const("{\"DscOffload\": {\"host\": \"h1\", \"os\": \"windows\", \"osVersion\": \"10.0.17763\"}}")), (1, Value), (1, Object(Value))),
            Gen.Select(Gen.Frequency((8, Gen.Const("\"A/B\"")), (1, Scalar)), Gen.Frequency((6, Gen.Const("\"n\"")), (1, Scalar)), Gen.Frequency((8, Object(Value)), (1, Value)), Blank)
                .Select((type, name, properties, blank) => "{" + blank + "\"type\": " + type + ", \"name\": " + name + ", \"properties\": " + properties + "}")
                .Array[0, 4],
            Gen.Frequency((20, Gen.Const("")), (1, Gen.OneOfConst(",\"resources\": []", " x", "\n// end\n", "]"))))
        .Select((bom, metadata, resources, tail) =>
            Encoding.UTF8.GetBytes(bom + "{\"metadata\": " + metadata + ", \"resources\": [" + string.Join(", ", resources) + "]" + tail + "}"));

    /// <summary>Clean snapshots: any property tree, serialised by Newtonsoft; these the fast reader must accept.</summary>
    private static readonly Gen<byte[]> CleanSnapshot =
        Gen.Select(Trees().Array[0, 4], Gen.Bool).Select((properties, indented) =>
        {
            var doc = new JObject
            {
                ["metadata"] = new JObject { ["DscOffload"] = new JObject { ["host"] = "h", ["os"] = "windows" } },
                ["resources"] = new JArray(properties.Select((p, i) => new JObject { ["type"] = "T/" + (i % 2), ["name"] = "n" + i, ["properties"] = p })),
            };
            return Encoding.UTF8.GetBytes(doc.ToString(indented ? Formatting.Indented : Formatting.None));
        });

    [Fact]
    public void TryRead_AnySnapshotText_AcceptsOnlyWhatTheFullParserReadsAndReadsItTheSame()
    {
        Snapshot.Sample(bytes =>
        {
            using var file = new TempFile(bytes, ".json");
            var fast = SnapshotReader.TryRead(file.Path);
            if (fast is null)
            {
                return true;
            }

            var full = RecordedHost.FromDocument(StructuredTextParser.ParseFileUnlocated(file.Path), file.Path);
            return SameHost(fast, full);
        }, iter: 2000, print: Print);
    }

    [Fact]
    public void ReadUnlocated_AnySnapshotText_GivesTheHostOrTheErrorTheFullParserGives()
    {
        Snapshot.Sample(bytes =>
        {
            using var file = new TempFile(bytes, ".json");
            RecordedHost? before = null, after = null;
            var beforeError = Record.Exception(() => before = ReadUnlocatedWithTheFullParser(file.Path));
            var afterError = Record.Exception(() => after = RecordedHost.ReadUnlocated(file.Path));
            return beforeError is null
                ? afterError is null && SameHost(after!, before!)
                : afterError is not null && afterError.GetType() == beforeError.GetType() && afterError.Message == beforeError.Message
                    && (afterError as DscOffloadException)?.Location == (beforeError as DscOffloadException)?.Location;
        }, iter: 1000, print: Print);
    }

    [Fact]
    public void TryRead_CleanSnapshot_IsReadFastAsTheFullParserReadsIt()
    {
        CleanSnapshot.Sample(bytes =>
        {
            using var file = new TempFile(bytes, ".json");
            var fast = SnapshotReader.TryRead(file.Path);
            return fast is not null && SameHost(fast, RecordedHost.FromDocument(StructuredTextParser.ParseFileUnlocated(file.Path), file.Path));
        }, print: Print);
    }

    [Fact]
    public void TryRead_Yaml_IsLeftToTheFullParser()
    {
        using var file = new TempFile("resources:\n- type: A/B\n  name: x\n", ".yaml");

        SnapshotReader.TryRead(file.Path).Should().BeNull();
        RecordedHost.ReadUnlocated(file.Path).InstancesOf("A/B").Single().Name.Should().Be("x");
    }

    /// <summary>What a fleet's read was before the fast reader: the full parser unlocated, and located on an error.</summary>
    private static RecordedHost ReadUnlocatedWithTheFullParser(string path)
    {
        try
        {
            return RecordedHost.FromDocument(StructuredTextParser.ParseFileUnlocated(path), path);
        }
        catch (DscOffloadException)
        {
            return RecordedHost.FromDocument(StructuredTextParser.ParseFile(path), path);
        }
    }

    private static bool SameHost(RecordedHost a, RecordedHost b) =>
        a.HostName == b.HostName && a.OperatingSystem == b.OperatingSystem && a.OperatingSystemVersion == b.OperatingSystemVersion
        && a.SourcePath == b.SourcePath && a.Types.SequenceEqual(b.Types)
        && a.Types.All(t => a.InstancesOf(t).Count == b.InstancesOf(t).Count
            && a.InstancesOf(t).Zip(b.InstancesOf(t)).All(p => p.First.Type == p.Second.Type && p.First.Name == p.Second.Name
                && p.First.Location == p.Second.Location && Same(p.First.Properties, p.Second.Properties)
                && Same(p.First.Values.ToToken(), p.Second.Properties)));

    /// <summary>Equal token types and values, doubles to the bit (Newtonsoft's DeepEquals calls 1 and 1.0 equal).</summary>
    internal static bool Same(JToken a, JToken b) => (a, b) switch
    {
        (JObject x, JObject y) => x.Count == y.Count && x.Properties().Zip(y.Properties()).All(p => p.First.Name == p.Second.Name && Same(p.First.Value, p.Second.Value)),
        (JArray x, JArray y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second)),
        (JValue x, JValue y) => x.Type == y.Type && (x.Value, y.Value) switch
        {
            (double d, double e) => BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits(e),
            var (v, w) => Equals(v, w),
        },
        _ => false,
    };

    private static Gen<JToken> Trees() =>
        Gen.Recursive<JToken>((depth, tree) =>
        {
            var scalar = Gen.OneOf(
                Gen.Long.Select(v => (JToken)new JValue(v)),
                Gen.Double.Where(double.IsFinite).Select(v => (JToken)new JValue(v)),
                Gen.Bool.Select(v => (JToken)new JValue(v)),
                Gen.String.Select(v => (JToken)new JValue(v)),
                Gen.Const<JToken>(JValue.CreateNull()));
            if (depth >= 3)
            {
                return scalar;
            }

            var obj = Gen.Select(Gen.String, tree).Array[0, 5].Select(pairs =>
            {
                var result = new JObject();
                foreach (var (key, value) in pairs)
                {
                    result[key] = value;
                }

                return (JToken)result;
            });
            return Gen.OneOf(scalar, scalar, tree.Array[0, 4].Select(items => (JToken)new JArray(items)), obj);
        }).Select(t => t is JObject ? t : new JObject { ["v"] = t });

    private static string Print(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
