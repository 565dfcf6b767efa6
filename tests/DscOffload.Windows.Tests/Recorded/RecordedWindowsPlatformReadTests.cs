using System.Globalization;
using CsCheck;
using DscOffload.Core.Diagnostics;
using DscOffload.Core.Documents;
using DscOffload.Core.Recorded;
using DscOffload.Windows.Recorded;
using DscOffload.Windows.Settings;
using Newtonsoft.Json.Linq;

namespace DscOffload.Windows.Tests.Recorded;

/// <summary>
/// A fleet reads snapshots fast, without locations, and the recorded platform reads its values from that; a run with
/// an error reads the file again with locations. Both reads must give the same adapters and states, and the same
/// errors, the located one naming where the value is.
/// </summary>
public class RecordedWindowsPlatformReadTests
{
    private static readonly Gen<JToken> AnyValue = Gen.OneOf(
        Gen.OneOfConst<JToken>("Disabled", "Enabled", "RxTxEnabled", "TxEnabled", "Operational", "NotOperational", "WFPCompatibility", "x", ""),
        Gen.OneOfConst<JToken>(0L, 1L, 4L, 16L, -1L, long.MaxValue),
        Gen.OneOfConst<JToken>(true, false, 1.0, 2.5),
        Gen.Const<JToken>(JValue.CreateNull()),
        Gen.Const<JToken>(new JArray(1, "a")),
        Gen.Const<JToken>(new JObject { ["a"] = true }));

    /// <summary>An adapter's properties: each setting, operational state and advanced property present or not, of any kind.</summary>
    private static readonly Gen<JObject> Adapter =
        Gen.Select(
            AnyValue.Array[AdapterOffloadSettings.All.Count],
            Gen.Int[0, 3].Array[AdapterOffloadSettings.All.Count],
            Gen.Select(Gen.OneOfConst("*FlowControl", "*JumboPacket", "*LsoV2IPv4", "*RSS", "*TCPChecksumOffloadIPv4"), AnyValue).Array[0, 4],
            AnyValue.Array[AdapterOperationalStates.All.Count],
            Gen.Bool)
        .Select((values, present, advanced, operational, hidden) =>
        {
            var p = new JObject { ["name"] = "Ethernet", ["interfaceGuid"] = "{G}", ["interfaceDescription"] = "NIC", ["includeHidden"] = hidden };
            for (var i = 0; i < values.Length; i++)
            {
                if (present[i] == 0)
                {
                    p[AdapterOffloadSettings.All[i].Name] = values[i];
                }
            }

            var advancedProperties = new JObject();
            foreach (var (keyword, value) in advanced)
            {
                advancedProperties[keyword] = value;
            }

            p["advancedProperties"] = advancedProperties;
            p["operationalState"] = new JObject(AdapterOperationalStates.All.Select((s, i) => new JProperty(s.Setting, operational[i])));
            return p;
        });

    private static readonly Gen<JObject> Global =
        Gen.Select(AnyValue.Array[GlobalOffloadSettings.TcpipParameters.Count], Gen.Bool)
        .Select((tcpip, hasTcpip) =>
        {
            var p = new JObject(GlobalOffloadSettings.CimSettings.Select(s => new JProperty(s.Name, "Disabled")));
            if (hasTcpip)
            {
                p["tcpipParameters"] = new JObject(GlobalOffloadSettings.TcpipParameters.Select((t, i) => new JProperty(t.Name, tcpip[i])));
            }

            return p;
        });

    [Fact]
    public void RecordedPlatform_AnyRecordedValues_ReadsTheSameFromTheFastReadAsFromTheLocatedParse()
    {
        Gen.Select(Adapter, Global).Sample((adapter, global) =>
        {
            var document = new JObject
            {
                ["metadata"] = new JObject { ["DscOffload"] = new JObject { ["host"] = "h", ["os"] = "windows", ["osVersion"] = "10.0.17763" } },
                ["resources"] = new JArray(
                    new JObject { ["type"] = GlobalOffloadSettings.TypeName, ["name"] = "GlobalOffload", ["properties"] = global },
                    new JObject { ["type"] = AdapterOffloadSettings.TypeName, ["name"] = "Ethernet", ["properties"] = adapter }),
            };
            var path = Path.Combine(Path.GetTempPath(), $"dscoffload-test-{Guid.NewGuid():N}.dsc.json");
            File.WriteAllText(path, document.ToString());
            try
            {
                var fast = SnapshotReader.TryRead(path);
                fast.Should().NotBeNull("a clean snapshot is read fast");
                var located = RecordedHost.FromDocument(StructuredTextParser.ParseFile(path), path);
                Describe(new RecordedWindowsPlatform(fast!), out var fastError).Should().Be(Describe(new RecordedWindowsPlatform(located), out var locatedError));
                fastError?.Message.Should().Be(locatedError!.Message);
                if (locatedError is DscOffloadException { Kind: ErrorKind.InvalidInput } invalid && invalid.Message.StartsWith("recorded ", StringComparison.Ordinal))
                {
                    invalid.Location.Should().NotBeNull("the located read names where the value is");
                    invalid.Location!.Value.File.Should().Be(path);
                }
            }
            finally
            {
                File.Delete(path);
            }
        }, iter: 300);
    }

    [Fact]
    public void RecordedPlatform_BundledSnapshots_ReadTheSameFromTheFastReadAsFromTheLocatedParse()
    {
        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryRoot(), "examples", "snapshots", "windows"), "*.dsc.json"))
        {
            var fast = SnapshotReader.TryRead(path);
            fast.Should().NotBeNull(path);
            var fastText = Describe(new RecordedWindowsPlatform(fast!), out var fastError);
            fastError.Should().BeNull();
            fastText.Should().Be(Describe(new RecordedWindowsPlatform(RecordedHost.FromDocument(StructuredTextParser.ParseFile(path), path)), out _));
            fastText.Should().Contain("lsoIPv4=False");
        }
    }

    /// <summary>Everything the platform gives, as text; reading stops at the first error.</summary>
    private static string Describe(RecordedWindowsPlatform platform, out Exception? error)
    {
        var lines = new List<string>();
        error = Record.Exception(() =>
        {
            lines.Add($"build {platform.ReadOsBuild()}");
            var global = platform.ReadGlobal();
            lines.AddRange(global.Settings.Select(kv => $"global {kv.Key}={kv.Value}"));
            lines.AddRange(global.TcpipParameters.Select(kv => $"tcpip {kv.Key}={kv.Value?.ToString() ?? "null"}"));
            foreach (var adapter in platform.ListAdapters())
            {
                lines.Add($"adapter {adapter}");
                var state = platform.ReadAdapter(adapter);
                lines.AddRange(state.Settings.Select(kv => $"{kv.Key}={Convert.ToString(kv.Value, CultureInfo.InvariantCulture)} ({kv.Value.GetType().Name})"));
                lines.AddRange(state.OperationalStates.Select(kv => $"operational {kv.Key}={kv.Value}"));
                lines.AddRange(state.AdvancedProperties.Select(kv => $"advanced {kv.Key}={kv.Value}"));
            }
        });
        return string.Join("\n", lines) + (error is null ? "" : $"\nerror {error.GetType().Name}: {error.Message}");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DscOffload.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (DscOffload.sln) is not above the test binaries");
    }
}
