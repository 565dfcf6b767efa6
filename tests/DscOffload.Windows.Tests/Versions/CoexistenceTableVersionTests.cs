using DscOffload.Core.Coexistence;
using DscOffload.Windows.Settings;

namespace DscOffload.Windows.Tests.Versions;

/// <summary>
/// The coexistence table (Core, read by the advisor and <c>dscoffload explain</c>) states for each Windows setting the
/// build from which it has no effect; it must say exactly what the Windows settings tables say, so that advice,
/// explain, test and set agree.
/// </summary>
public sealed class CoexistenceTableVersionTests
{
    public static TheoryData<string, string> WindowsSettings()
    {
        var data = new TheoryData<string, string>();
        foreach (var offload in CoexistenceTable.Platforms.Single(p => p.Platform == "Windows").Offloads)
        {
            foreach (var setting in offload.Settings)
            {
                data.Add(setting.Type, setting.Path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WindowsSettings))]
    public void CoexistenceTable_StatesTheSameBuildAndReasonAsTheSettingsTable(string type, string path)
    {
        var setting = CoexistenceTable.Platforms.Single(p => p.Platform == "Windows").Offloads.SelectMany(o => o.Settings)
            .First(s => s.Type == type && s.Path == path);

        var effect = Effect(type, path);

        setting.NoEffectFromBuild.Should().Be(effect.RemovedInBuild);
        setting.NoEffect.Should().Be(effect.NoEffectBecause);
    }

    private static WindowsEffect Effect(string type, string path)
    {
        if (type == AdapterOffloadSettings.TypeName)
        {
            return AdapterOffloadSettings.Find(path)!.Windows;
        }

        type.Should().Be(GlobalOffloadSettings.TypeName);
        return path.StartsWith("tcpipParameters.", StringComparison.Ordinal)
            ? GlobalOffloadSettings.TcpipParameters.Single(p => p.Name == path["tcpipParameters.".Length..]).Windows
            : GlobalOffloadSettings.CimSettings.Single(s => s.Name == path).Windows;
    }
}
