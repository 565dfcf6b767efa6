// The kernel work of `dscoffload resource test --type DscOffload.Linux/NetAdapterOffload` for one interface,
// and nothing else: every interface's flags and permanent address (as the resource lists interfaces to
// match its name pattern), then the feature names (ETHTOOL_GSSET_INFO, ETHTOOL_GSTRINGS), the features
// (ETHTOOL_GFEATURES) and the channels (ETHTOOL_GCHANNELS) of the named one, printed as one JSON line.
// Usage: ethtool-floor IFNAME; without an argument it only prints {} (the runtime's own start-up floor).
using System.Runtime.InteropServices;
using System.Text;

const uint SiocEthtool = 0x8946, SiocGetFlags = 0x8913;
const uint GetStrings = 0x1b, GetPermAddr = 0x20, GetStringSetInfo = 0x37, GetFeatures = 0x3a, GetChannels = 0x3c;
const int Features = 4, NameLength = 32;

if (args.Length == 0)
{
    // The bare runtime floor: start, print, exit.
    Console.Out.WriteLine("{}");
    return 0;
}

var target = args[0];
var fd = Native.Socket(2, 2 | 0x80000, 0);
if (fd < 0)
{
    Console.Error.WriteLine($"socket failed: errno {Marshal.GetLastPInvokeError()}");
    return 1;
}

var json = new StringBuilder("{\"interfaces\":[");
unsafe
{
    var request = stackalloc byte[40];
    var buffer = new byte[8 + 32];
    var first = true;
    var index = Native.IfNameIndex();
    for (var entry = index; entry->Index != 0; entry++)
    {
        var name = Marshal.PtrToStringUTF8(entry->Name)!;
        _ = Ioctl(fd, SiocGetFlags, name, request, null);
        var flags = *(short*)(request + 16);
        Array.Clear(buffer);
        BitConverter.TryWriteBytes(buffer, GetPermAddr);
        BitConverter.TryWriteBytes(buffer.AsSpan(4), 32u);
        fixed (byte* data = buffer)
        {
            _ = Ioctl(fd, SiocEthtool, name, request, data);
        }

        var length = Math.Min(BitConverter.ToInt32(buffer, 4), 32);
        json.Append(first ? "" : ",").Append("{\"name\":\"").Append(name).Append("\",\"ifindex\":").Append(entry->Index)
            .Append(",\"loopback\":").Append((flags & 8) != 0 ? "true" : "false")
            .Append(",\"permanentAddress\":\"").Append(Convert.ToHexString(buffer, 8, length)).Append("\"}");
        first = false;
    }

    Native.FreeNameIndex(index);

    var info = new byte[8 + 8 + 4];
    BitConverter.TryWriteBytes(info, GetStringSetInfo);
    BitConverter.TryWriteBytes(info.AsSpan(8), 1UL << Features);
    fixed (byte* data = info)
    {
        if (Ioctl(fd, SiocEthtool, target, request, data) < 0)
        {
            Console.Error.WriteLine($"ETHTOOL_GSSET_INFO on {target} failed: errno {Marshal.GetLastPInvokeError()}");
            return 1;
        }
    }

    var count = BitConverter.ToInt32(info, 16);
    var strings = new byte[12 + (count * NameLength)];
    BitConverter.TryWriteBytes(strings, GetStrings);
    BitConverter.TryWriteBytes(strings.AsSpan(4), Features);
    BitConverter.TryWriteBytes(strings.AsSpan(8), count);
    var blocks = (count + 31) / 32;
    var features = new byte[8 + (blocks * 16)];
    BitConverter.TryWriteBytes(features, GetFeatures);
    BitConverter.TryWriteBytes(features.AsSpan(4), blocks);
    var channels = new byte[36];
    BitConverter.TryWriteBytes(channels, GetChannels);
    fixed (byte* s = strings, f = features, c = channels)
    {
        _ = Ioctl(fd, SiocEthtool, target, request, s);
        _ = Ioctl(fd, SiocEthtool, target, request, f);
        _ = Ioctl(fd, SiocEthtool, target, request, c);
    }

    json.Append("],\"features\":{");
    for (var bit = 0; bit < count; bit++)
    {
        var entry = strings.AsSpan(12 + (bit * NameLength), NameLength);
        var end = entry.IndexOf((byte)0);
        if (end == 0)
        {
            continue; // an unused bit has no name
        }

        var active = (BitConverter.ToUInt32(features, 8 + ((bit / 32) * 16) + 8) >> (bit % 32)) & 1;
        json.Append(json[^1] == '{' ? "\"" : ",\"").Append(Encoding.UTF8.GetString(end < 0 ? entry : entry[..end]))
            .Append("\":").Append(active == 1 ? "true" : "false");
    }

    json.Append("},\"channels\":{\"rx\":").Append(BitConverter.ToUInt32(channels, 20))
        .Append(",\"tx\":").Append(BitConverter.ToUInt32(channels, 24))
        .Append(",\"combined\":").Append(BitConverter.ToUInt32(channels, 32)).Append("}}");
}

_ = Native.Close(fd);
Console.Out.WriteLine(json.ToString());
return 0;

static unsafe int Ioctl(int fd, uint command, string name, byte* request, byte* data)
{
    new Span<byte>(request, 40).Clear();
    Encoding.UTF8.GetBytes(name, new Span<byte>(request, 15));
    *(nint*)(request + 16) = (nint)data;
    return Native.Ioctl(fd, command, request);
}
