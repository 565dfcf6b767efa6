using System.Globalization;

namespace DscOffload.Core.Documents;

/// <summary>
/// Checks a resource type name against DSC's pattern <c>^\w+(\.\w+){0,3}/\w+$</c> by hand (no regular
/// expression at start-up). <c>\w</c> is a letter, a decimal digit, a non-spacing mark or a connector
/// (such as <c>_</c>), as in .NET regular expressions.
/// </summary>
internal static class ResourceTypeName
{
    public const string Expected = "Owner[.Group[.Area[.Subarea]]]/Name, each part made of letters, digits and '_'";

    public static bool IsValid(string type)
    {
        var i = 0;
        if (!Word(type, ref i))
        {
            return false;
        }

        for (var dots = 0; i < type.Length && type[i] == '.'; dots++)
        {
            i++;
            if (dots == 3 || !Word(type, ref i))
            {
                return false;
            }
        }

        if (i >= type.Length || type[i] != '/')
        {
            return false;
        }

        i++;
        return Word(type, ref i) && i == type.Length;
    }

    private static bool Word(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && IsWordChar(text[i]))
        {
            i++;
        }

        return i > start;
    }

    private static bool IsWordChar(char c)
    {
        if (char.IsAsciiLetterOrDigit(c) || c == '_')
        {
            return true;
        }

        if (c < 128)
        {
            return false;
        }

        return char.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation => true,
            _ => false,
        };
    }
}
