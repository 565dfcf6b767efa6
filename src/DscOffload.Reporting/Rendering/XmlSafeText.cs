using System.Xml;

namespace DscOffload.Reporting.Rendering;

/// <summary>
/// Replaces characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates) with U+FFFD. Escaping
/// of markup characters is the XmlWriter's job; this only keeps a hostile or corrupt value from making the
/// report unwritable.
/// </summary>
internal static class XmlSafeText
{
    public static string Clean(string text)
    {
        var i = FirstInvalid(text);
        if (i < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (; i < chars.Length; i++)
        {
            if (i + 1 < chars.Length && XmlConvert.IsXmlSurrogatePair(chars[i + 1], chars[i]))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    private static int FirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                continue;
            }

            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }
}
