using System.Buffers.Binary;
using DscOffload.Linux.Interop;

namespace DscOffload.Linux.Coexistence;

/// <summary>
/// Reads the xfrm netlink dump replies (<c>linux/xfrm.h</c>): <c>struct xfrm_userpolicy_info</c> (168
/// bytes) with XFRMA_TMPL templates, and <c>struct xfrm_usersa_info</c> (224 bytes) with the
/// XFRMA_OFFLOAD_DEV attribute. Offsets are those of the UAPI structs on LP64 (checked against the
/// kernel headers with offsetof); a payload shorter than its struct yields null.
/// </summary>
internal static class XfrmMessageParser
{
    /// <summary>XFRM_MSG_NEWSA: the type of SA dump replies.</summary>
    public const ushort NewSa = 0x10;

    /// <summary>XFRM_MSG_GETSA.</summary>
    public const ushort GetSa = 0x12;

    /// <summary>XFRM_MSG_NEWPOLICY: the type of policy dump replies.</summary>
    public const ushort NewPolicy = 0x13;

    /// <summary>XFRM_MSG_GETPOLICY.</summary>
    public const ushort GetPolicy = 0x15;

    private const int PolicyInfoLength = 168;
    private const int StateInfoLength = 224;
    private const int TemplateLength = 64;
    private const ushort AttributeTemplate = 5;
    private const ushort AttributeOffloadDevice = 28;

    /// <summary>One policy, or null when the payload is too short.</summary>
    public static XfrmPolicy? ParsePolicy(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < PolicyInfoLength)
        {
            return null;
        }

        var templates = new List<string>();
        var attributes = new NetlinkAttributeReader(payload[PolicyInfoLength..]);
        while (attributes.TryNext(out var type, out var value))
        {
            if (type != AttributeTemplate)
            {
                continue;
            }

            for (var at = 0; at + TemplateLength <= value.Length; at += TemplateLength)
            {
                templates.Add(Template(value.Slice(at, TemplateLength)));
            }
        }

        return new XfrmPolicy(
            payload[160],
            payload[161],
            NetlinkText.Selector(payload[..56]),
            templates,
            BinaryPrimitives.ReadUInt32LittleEndian(payload[156..]));
    }

    /// <summary>One SA, or null when the payload is too short.</summary>
    public static XfrmState? ParseState(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < StateInfoLength)
        {
            return null;
        }

        var family = BinaryPrimitives.ReadUInt16LittleEndian(payload[212..]);
        int? offloadIndex = null;
        byte offloadFlags = 0;
        var attributes = new NetlinkAttributeReader(payload[StateInfoLength..]);
        while (attributes.TryNext(out var type, out var value))
        {
            if (type == AttributeOffloadDevice && value.Length >= 5)
            {
                offloadIndex = BinaryPrimitives.ReadInt32LittleEndian(value);
                offloadFlags = value[4];
            }
        }

        return new XfrmState(
            NetlinkText.Address(payload[80..96], family),
            NetlinkText.Address(payload[56..72], family),
            BinaryPrimitives.ReadUInt32BigEndian(payload[72..]),
            payload[76],
            payload[214],
            offloadIndex,
            offloadFlags);
    }

    private static string Template(ReadOnlySpan<byte> template)
    {
        var text = $"{NetlinkText.Protocol(template[20])} {NetlinkText.Mode(template[48])}";
        if (template[48] == 1)
        {
            var family = BinaryPrimitives.ReadUInt16LittleEndian(template[24..]);
            text += $" {NetlinkText.Address(template[28..44], family)} → {NetlinkText.Address(template[..16], family)}";
        }

        return template[50] != 0 ? text + " (optional)" : text;
    }
}
