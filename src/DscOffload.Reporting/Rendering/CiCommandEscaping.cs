using System.Globalization;

namespace DscOffload.Reporting.Rendering;

/// <summary>
/// Escaping for CI log commands: GitHub Actions workflow commands (<c>::error file=…,line=…::message</c>) and
/// Azure Pipelines logging commands (<c>##vso[area.action key=value;…]message</c>). In the message (data)
/// <c>%</c>, CR and LF are percent-encoded; in property values also the characters that would end the value
/// (GitHub: <c>:</c> and <c>,</c>; Azure: <c>;</c> and <c>]</c>). The dialects differ only in those characters
/// and in how <c>%</c> itself is written (<c>%25</c>, Azure <c>%AZP25</c>), which is what each runner or agent
/// decodes, so annotations show the original text.
/// </summary>
internal sealed class CiCommandEscaping
{
    private readonly CharacterEscapeTable _data;
    private readonly CharacterEscapeTable _property;

    private CiCommandEscaping(string percentSequence, params char[] propertyDelimiters)
    {
        (char Character, string Replacement)[] data = [('%', percentSequence), ('\r', PercentEncoded('\r')), ('\n', PercentEncoded('\n'))];
        _data = new CharacterEscapeTable(data);
        _property = new CharacterEscapeTable([.. data, .. propertyDelimiters.Select(static c => (c, PercentEncoded(c)))]);
    }

    /// <summary>GitHub Actions workflow commands.</summary>
    public static CiCommandEscaping GitHubActions { get; } = new("%25", ':', ',');

    /// <summary>Azure Pipelines logging commands.</summary>
    public static CiCommandEscaping AzurePipelines { get; } = new("%AZP25", ';', ']');

    public void WriteData(TextWriter output, string text) => _data.Write(output, text);

    public void WriteProperty(TextWriter output, string text) => _property.Write(output, text);

    public string EscapeData(string text) => _data.Escape(text);

    public string EscapeProperty(string text) => _property.Escape(text);

    private static string PercentEncoded(char character) => "%" + ((int)character).ToString("X2", CultureInfo.InvariantCulture);
}
