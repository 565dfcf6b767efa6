using System.Text;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Expressions;

/// <summary>Encoding functions: base64, base64ToString, dataUri, dataUriToString, uri, uriComponent, uriComponentToString.</summary>
internal static class EncodingFunctions
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static JToken Invoke(FunctionCall call) => new JValue(call.Name switch
    {
        "base64" => Convert.ToBase64String(Encoding.UTF8.GetBytes(call.Text(0))),
        "base64ToString" => Decode(call, call.Text(0)),
        "dataUri" => "data:application/json;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(call.Text(0))),
        "dataUriToString" => DataUriToString(call),
        "uri" => Uri(call),
        "uriComponent" => System.Uri.EscapeDataString(call.Text(0)),
        _ => UriComponentToString(call),
    });

    private static string Decode(FunctionCall call, string base64)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw call.Fail("the text is not valid base64");
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw call.Fail("the decoded bytes are not valid UTF-8 text");
        }
    }

    private static string DataUriToString(FunctionCall call)
    {
        var text = call.Text(0);
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (!text.StartsWith("data:", StringComparison.Ordinal) || comma < 0)
        {
            throw call.Fail("not a data URI (data:[media type][;charset=utf-8];base64,…)");
        }

        var parts = text[5..comma].Split(';');
        if (parts[0].Contains('=', StringComparison.Ordinal) || parts.Skip(1).Any(p => p.Length == 0))
        {
            throw call.Fail("not a data URI (data:[media type][;charset=utf-8];base64,…)");
        }

        var isBase64 = false;
        string? charset = null;
        foreach (var part in parts.Skip(1))
        {
            if (part == "base64")
            {
                isBase64 = true;
            }
            else if (part.StartsWith("charset=", StringComparison.Ordinal) && charset is null)
            {
                charset = part[8..];
            }
            else
            {
                throw call.Fail($"unsupported data URI parameter '{part}'");
            }
        }

        if (!isBase64)
        {
            throw call.Fail("only base64 data URIs are supported");
        }

        return charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            ? throw call.Fail($"unsupported charset '{charset}'; only utf-8")
            : Decode(call, text[(comma + 1)..]);
    }

    private static string Uri(FunctionCall call)
    {
        var (baseText, relative) = (call.Text(0), call.Text(1));
        if (baseText.Length == 0)
        {
            throw call.Fail("the base URI is empty");
        }

        if (!System.Uri.TryCreate(baseText, UriKind.Absolute, out var baseUri) || baseUri.IsFile && !baseText.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw call.Fail($"the base URI '{baseText}' is not an absolute URI");
        }

        if (relative.Length == 0)
        {
            return baseUri.AbsoluteUri;
        }

        if (relative.StartsWith("///", StringComparison.Ordinal) || !System.Uri.TryCreate(baseUri, relative, out var combined))
        {
            throw call.Fail($"'{relative}' is not a valid relative URI");
        }

        return combined.AbsoluteUri;
    }

    private static string UriComponentToString(FunctionCall call)
    {
        var text = call.Text(0);
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%')
            {
                if (i + 2 >= text.Length || !byte.TryParse(text.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
                {
                    throw call.Fail($"'%' at character {i + 1} is not followed by two hexadecimal digits");
                }

                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw call.Fail("the decoded bytes are not valid UTF-8 text");
        }
    }
}
