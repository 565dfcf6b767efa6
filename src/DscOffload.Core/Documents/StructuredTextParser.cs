using System.Text;
using System.Text.Unicode;
using DscOffload.Core.Diagnostics;
using Newtonsoft.Json.Linq;

namespace DscOffload.Core.Documents;

/// <summary>
/// Turns YAML or JSON text into a <see cref="JToken"/> tree in which every node (containers, scalars
/// and properties) carries the <see cref="SourceLocation"/> of its first character, so that errors
/// found much later (in validation, expressions or a resource) can still name file, line and column.
/// All problems, including the limits in <see cref="InputLimits"/>, are reported as one-line
/// <see cref="ErrorKind.InvalidInput"/> errors with a location.
/// </summary>
public static class StructuredTextParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Parses <paramref name="text"/>. Text whose first non-blank character is <c>{</c> or <c>[</c> is read
    /// as JSON (its errors read better from a JSON reader); anything else as YAML 1.2 with the core schema.
    /// </summary>
    /// <param name="text">The whole input; a leading byte order mark is ignored.</param>
    /// <param name="displayName">The name used in locations, usually the path as the operator gave it.</param>
    public static JToken Parse(string text, string displayName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(displayName);
        if (text.Length > InputLimits.MaxInputBytes / 3 && Encoding.UTF8.GetByteCount(text) > InputLimits.MaxInputBytes)
        {
            throw TooLarge(displayName);
        }

        return ParseChecked(text, displayName);
    }

    /// <summary>
    /// Reads and parses a file. The bytes must be UTF-8 (a byte order mark is allowed); the path as given
    /// is the name used in locations.
    /// </summary>
    public static JToken ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = ReadBytes(path);
        return ParseChecked(Decode(bytes, path), path);
    }

    /// <summary>
    /// Reads and parses a file as <see cref="ParseFile"/> does, but a JSON file's tree carries no locations: for input
    /// read by the thousand (a fleet's snapshots), where building them costs more than everything else done with the
    /// tree. Bad input is reported exactly as <see cref="ParseFile"/> reports it, with its location: it is parsed again,
    /// located, only then. A caller that meets a problem later, in the tree's values, parses the file again with
    /// <see cref="ParseFile"/> to say where it is.
    /// </summary>
    internal static JToken ParseFileUnlocated(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = Prepare(Decode(ReadBytes(path), path), path);
        if (!LooksLikeJson(text))
        {
            return YamlTokenBuilder.Build(text, path);
        }

        try
        {
            return JsonTokenBuilder.BuildUnlocated(text, path);
        }
        catch (DscOffloadException)
        {
            // The located parse finds the same problem and says where it is.
            return JsonTokenBuilder.Build(text, path);
        }
    }

    /// <summary>
    /// Reads text from a stream such as standard input with the same rules as a file: at most
    /// <see cref="InputLimits.MaxInputBytes"/> (reading stops one byte past the limit, so an endless stream cannot
    /// exhaust memory), strict UTF-8 with an optional byte order mark.
    /// </summary>
    public static string ReadText(Stream stream, string displayName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(displayName);
        return Decode(ReadUnseekable(stream, displayName), displayName);
    }

    /// <summary>Parses as YAML whatever the first character is (JSON text is YAML too).</summary>
    internal static JToken ParseYaml(string text, string displayName)
    {
        text = Prepare(text, displayName);
        return YamlTokenBuilder.Build(text, displayName);
    }

    private static JToken ParseChecked(string text, string displayName)
    {
        text = Prepare(text, displayName);
        return LooksLikeJson(text)
            ? JsonTokenBuilder.Build(text, displayName)
            : YamlTokenBuilder.Build(text, displayName);
    }

    private static string Prepare(string text, string displayName)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                "the text contains a NUL character; is this a binary file?",
                new TextLineMap(text, displayName).LocationOf(nul));
        }

        var control = ScalarText.IndexOfForbiddenControl(text);
        if (control >= 0)
        {
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"the text contains the control character U+{(int)text[control]:X4}, which YAML and JSON allow only escaped (\\u{(int)text[control]:X4} in a double-quoted string)",
                new TextLineMap(text, displayName).LocationOf(control));
        }

        return text;
    }

    private static bool LooksLikeJson(string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case ' ' or '\t' or '\r' or '\n':
                    continue;
                case '{' or '[':
                    return true;
                default:
                    return false;
            }
        }

        return false;
    }

    private static byte[] ReadBytes(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            if (!stream.CanSeek)
            {
                return ReadUnseekable(stream, path);
            }

            var length = stream.Length;
            if (length > InputLimits.MaxInputBytes)
            {
                throw TooLarge(path);
            }

            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput, $"cannot read '{path}': the file does not exist", null, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new DscOffloadException(ErrorKind.InvalidInput, $"cannot read '{path}': {OneLine(e.Message)}", null, e);
        }
    }

    /// <summary>Pipes and process substitutions have no length: read up to one byte past the limit.</summary>
    private static byte[] ReadUnseekable(Stream stream, string path)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > InputLimits.MaxInputBytes)
            {
                throw TooLarge(path);
            }
        }

        return buffer.ToArray();
    }

    private static string Decode(byte[] bytes, string path)
    {
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            // Decode the valid prefix to say where the first bad byte is.
            var source = bytes.AsSpan(start);
            var chars = new char[source.Length];
            Utf8.ToUtf16(source, chars, out var bytesRead, out var charsWritten, replaceInvalidSequences: false);
            var prefix = new string(chars, 0, charsWritten);
            var at = new TextLineMap(prefix, path).LocationOf(charsWritten);
            throw new DscOffloadException(
                ErrorKind.InvalidInput,
                $"the file is not valid UTF-8 (byte 0x{source[bytesRead]:X2} at offset {bytesRead + start})",
                at,
                e);
        }
    }

    private static DscOffloadException TooLarge(string displayName) =>
        new(
            ErrorKind.InvalidInput,
            $"the input is larger than {InputLimits.MaxInputBytes / (1024 * 1024)} MiB (InputLimits.MaxInputBytes)",
            new SourceLocation(displayName, 1, 1));

    internal static string OneLine(string message)
    {
        var text = message.ReplaceLineEndings(" ").Trim();
        return text.EndsWith('.') ? text[..^1] : text;
    }
}
