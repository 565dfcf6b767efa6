namespace DscOffload.Linux.Persistence;

/// <summary>Reads the offloads an <c>ethtool -K|--features|--offload &lt;device&gt; name on|off ...</c> command line sets.</summary>
internal static class EthtoolCommand
{
    /// <summary>
    /// The <c>(name, on)</c> pairs of <paramref name="words"/> when they run ethtool -K for <paramref name="deviceName"/>
    /// (or for udev's <c>%k</c> / <c>$name</c>, <c>$env{INTERFACE}</c>, <c>$IFACE</c>, which stand for the device at hand).
    /// </summary>
    public static IEnumerable<(string Name, bool On)> OffloadsOf(string[] words, string deviceName)
    {
        var start = Array.FindIndex(words, w => Path.GetFileName(w.Trim('"', '\'')) == "ethtool");
        if (start < 0)
        {
            yield break;
        }

        var option = Array.FindIndex(words, start, w => w is "-K" or "--features" or "--offload");
        if (option < 0 || option + 1 >= words.Length)
        {
            yield break;
        }

        var device = words[option + 1].Trim('"', '\'');
        if (device != deviceName && device is not ("%k" or "$name" or "$kernel" or "$env{INTERFACE}" or "$IFACE" or "${IFACE}"))
        {
            yield break;
        }

        for (var i = option + 2; i + 1 < words.Length; i += 2)
        {
            var name = words[i].Trim('"', '\'');
            if (StackFileText.Boolean(words[i + 1].Trim('"', '\'', ';')) is not { } on || name.StartsWith('-'))
            {
                yield break;
            }

            yield return (name, on);
        }
    }
}
