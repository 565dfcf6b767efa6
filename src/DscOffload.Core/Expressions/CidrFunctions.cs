using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>parseCidr, cidrHost and cidrSubnet over IPv4 and IPv6 networks written as <c>address/prefix</c>.</summary>
internal static class CidrFunctions
{
    public static JToken Invoke(FunctionCall call)
    {
        var (address, prefix, bits) = Parse(call, call.Text(0));
        var network = address & Mask(prefix, bits);
        var last = network | (Mask(bits, bits) ^ Mask(prefix, bits));
        switch (call.Name)
        {
            case "parseCidr":
                var result = new JObject { ["network"] = Text(network, bits), ["netmask"] = Text(Mask(prefix, bits), bits) };
                if (bits == 32)
                {
                    result["broadcast"] = Text(last, bits);
                    result["firstUsable"] = Text(prefix == 32 ? network : network + 1, bits);
                    result["lastUsable"] = Text(prefix == 32 ? last : last - 1, bits);
                }
                else
                {
                    result["firstUsable"] = Text(network, bits);
                    result["lastUsable"] = Text(last, bits);
                }

                result["cidr"] = prefix;
                return result;
            case "cidrHost":
                return new JValue(Host(call, network, prefix, bits));
            default:
                return new JValue(Subnet(call, network, prefix, bits));
        }
    }

    private static string Host(FunctionCall call, BigInteger network, int prefix, int bits)
    {
        var index = call.Integer(1);
        if (index < 0)
        {
            throw call.Fail($"the host index must not be negative; got {index}");
        }

        if (prefix == bits)
        {
            throw call.Fail($"a /{prefix} network has no usable host");
        }

        var size = BigInteger.One << (bits - prefix);
        // IPv4 keeps the network and broadcast addresses out (except /31); IPv6 only the network address (except /127).
        var (offset, usable) = bits == 32
            ? (prefix == 31 ? (BigInteger.Zero, size) : (BigInteger.One, size - 2))
            : (prefix == 127 ? (BigInteger.Zero, size) : (BigInteger.One, size - 1));
        return index >= usable
            ? throw call.Fail($"host index {index} is out of range; the largest is {usable - 1}")
            : Text(network + offset + index, bits);
    }

    private static string Subnet(FunctionCall call, BigInteger network, int prefix, int bits)
    {
        var newPrefix = call.Integer(1);
        var index = call.Integer(2);
        if (index < 0)
        {
            throw call.Fail($"the subnet index must not be negative; got {index}");
        }

        if (newPrefix < prefix || newPrefix > bits)
        {
            throw call.Fail($"the new prefix /{newPrefix} must be between the network's /{prefix} and /{bits}");
        }

        var count = BigInteger.One << (int)(newPrefix - prefix);
        return index >= count
            ? throw call.Fail($"subnet index {index} is out of range; the largest is {count - 1}")
            : $"{Text(network + (index * (BigInteger.One << (bits - (int)newPrefix))), bits)}/{newPrefix}";
    }

    private static (BigInteger Address, int Prefix, int Bits) Parse(FunctionCall call, string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !IPAddress.TryParse(cidr.AsSpan(0, slash), out var address)
            || cidr[..slash].Contains('%', StringComparison.Ordinal)
            || !int.TryParse(cidr.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            throw call.Fail($"'{cidr}' is not a network in CIDR notation such as 10.0.0.0/24 or fd00::/64");
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        // IPAddress accepts shorthand such as "10.1" and decimal "167772161"; CIDR notation needs four dotted octets.
        if (prefix > bits || (bits == 32 && cidr[..slash].Split('.').Length != 4))
        {
            throw call.Fail($"'{cidr}' is not a network in CIDR notation such as 10.0.0.0/24 or fd00::/64");
        }

        return (new BigInteger(address.GetAddressBytes(), isUnsigned: true, isBigEndian: true), prefix, bits);
    }

    private static BigInteger Mask(int prefix, int bits) => ((BigInteger.One << prefix) - 1) << (bits - prefix);

    private static string Text(BigInteger value, int bits)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var full = new byte[bits / 8];
        bytes.AsSpan(Math.Max(0, bytes.Length - full.Length)).CopyTo(full.AsSpan(Math.Max(0, full.Length - bytes.Length)));
        return new IPAddress(full).ToString();
    }
}
