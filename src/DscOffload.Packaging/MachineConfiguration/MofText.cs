using System.Globalization;
using System.Text;

namespace DscOffload.Packaging.MachineConfiguration;

/// <summary>Literals of the MOF language as PSDSC writes them in compiled configurations.</summary>
public static class MofText
{
    /// <summary>
    /// A double-quoted MOF string: backslash, quote and control characters escaped (<c>\\ \" \n \r \t</c>,
    /// others as <c>\xHHHH</c>); other characters are written as they are (the file is UTF-8).
    /// </summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': text.Append("\\\\"); break;
                case '"': text.Append("\\\""); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        text.Append("\\x").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>A MOF boolean literal.</summary>
    public static string Boolean(bool value) => value ? "True" : "False";

    /// <summary>A MOF array of string literals, <c>{"a","b"}</c>.</summary>
    public static string StringArray(IEnumerable<string> values) => "{" + string.Join(",", values.Select(Quote)) + "}";
}
