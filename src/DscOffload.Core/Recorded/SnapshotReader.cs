using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using DscOffload.Core.Documents;

namespace DscOffload.Core.Recorded;

/// <summary>
/// Reads a JSON snapshot file straight from its bytes (<see cref="Utf8JsonReader"/>, one read into a pooled buffer)
/// into <see cref="RecordedValue"/>s, without locations, for fleets: the fast way for the common case. It accepts only
/// what the located parser (<see cref="StructuredTextParser"/>) and <see cref="RecordedHost.FromDocument"/> accept and
/// read the same way; anything else (YAML, comments, a duplicate key, a limit reached, a malformed document, an
/// unusual encoding) gives null, and the caller reads the file the old way, which says what is wrong and where.
/// </summary>
internal static class SnapshotReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = InputLimits.MaxNestingDepth + 1,
    };

    [ThreadStatic]
    private static TreeBuilder? cachedBuilder;

    /// <summary>The recorded host in <paramref name="path"/>, or null when the file needs the full parser.</summary>
    public static RecordedHost? TryRead(string path)
    {
        byte[]? buffer = null;
        try
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1))
            {
                // A pipe has no length, and a read would consume what the full parser then reads again.
                if (!stream.CanSeek || stream.Length > InputLimits.MaxInputBytes)
                {
                    return null;
                }

                var length = (int)stream.Length;
                buffer = ArrayPool<byte>.Shared.Rent(length + 1);
                var read = 0;
                int n;
                while ((n = stream.Read(buffer, read, buffer.Length - read)) > 0)
                {
                    read += n;
                    if (read > length)
                    {
                        return null;
                    }
                }

                var root = Parse(buffer.AsSpan(0, read));
                return root is { Kind: RecordedValueKind.Object } ? RecordedHost.FromValues(root.Value.Object, path) : null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return null;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>The value of a whole JSON text, or null when it is not one the located parser reads the same way.</summary>
    internal static RecordedValue? Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        // A second byte order mark is dropped by the full parser too; rare enough to leave to it.
        if (bytes.StartsWith("\uFEFF"u8) || !LooksLikeJson(bytes) || !Utf8.IsValid(bytes) || HasForbiddenControl(bytes))
        {
            return null;
        }

        var builder = cachedBuilder ??= new TreeBuilder();
        var reader = new Utf8JsonReader(bytes, isFinalBlock: true, new JsonReaderState(Options));
        try
        {
            return builder.Build(ref reader);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
        finally
        {
            builder.Reset();
        }
    }

    /// <summary>The full parser reads text whose first non-blank character is <c>{</c> or <c>[</c> as JSON, the rest as YAML.</summary>
    private static bool LooksLikeJson(ReadOnlySpan<byte> bytes)
    {
        var first = bytes.IndexOfAnyExcept(" \t\r\n"u8);
        return first >= 0 && bytes[first] is (byte)'{' or (byte)'[';
    }

    /// <summary>
    /// DEL and the C1 controls except NEL, which <see cref="ScalarText"/> forbids anywhere (the JSON reader refuses raw
    /// C0 controls itself, except the blanks both allow). C1 controls are the two-byte sequences C2 80 to C2 9F.
    /// </summary>
    private static bool HasForbiddenControl(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IndexOf((byte)0x7F) >= 0)
        {
            return true;
        }

        for (var i = bytes.IndexOf((byte)0xC2); i >= 0 && i + 1 < bytes.Length; i = NextC2(bytes, i + 1))
        {
            if (bytes[i + 1] is >= 0x80 and <= 0x9F and not 0x85)
            {
                return true;
            }
        }

        return false;
    }

    private static int NextC2(ReadOnlySpan<byte> bytes, int from)
    {
        var next = bytes[from..].IndexOf((byte)0xC2);
        return next < 0 ? -1 : from + next;
    }

    /// <summary>Builds the values of one text; reused by a thread, so its lists are allocated once.</summary>
    private sealed class TreeBuilder
    {
        private readonly List<Frame> _frames = [];
        private int _depth;
        private int _nodes;

        public RecordedValue? Build(ref Utf8JsonReader reader)
        {
            RecordedValue? root = null;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (_depth >= InputLimits.MaxNestingDepth || ++_nodes > InputLimits.MaxNodes)
                        {
                            return null;
                        }

                        Open(reader.TokenType == JsonTokenType.StartObject);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        var closed = _frames[--_depth].Close();
                        if (_depth == 0)
                        {
                            root = closed;
                        }
                        else
                        {
                            _frames[_depth - 1].Add(closed);
                        }

                        break;
                    case JsonTokenType.PropertyName:
                        if (Text(ref reader) is not { } name || !_frames[_depth - 1].Name(name))
                        {
                            return null;
                        }

                        break;
                    case JsonTokenType.String:
                        if (Text(ref reader) is not { } text || !Attach(RecordedValue.Of(text)))
                        {
                            return null;
                        }

                        break;
                    case JsonTokenType.Number:
                        if (Number(ref reader) is not { } number || !Attach(number))
                        {
                            return null;
                        }

                        break;
                    case JsonTokenType.True:
                    case JsonTokenType.False:
                        if (!Attach(RecordedValue.Of(reader.TokenType == JsonTokenType.True)))
                        {
                            return null;
                        }

                        break;
                    case JsonTokenType.Null:
                        if (!Attach(RecordedValue.Null()))
                        {
                            return null;
                        }

                        break;
                    default:
                        return null;
                }
            }

            return root;
        }

        public void Reset()
        {
            for (var i = 0; i < _depth; i++)
            {
                _frames[i].Clear();
            }

            _depth = 0;
            _nodes = 0;
        }

        private void Open(bool isObject)
        {
            if (_depth == _frames.Count)
            {
                _frames.Add(new Frame());
            }

            _frames[_depth++].Start(isObject);
        }

        /// <summary>A scalar; only an array or object holds one here (the root of a snapshot is an object).</summary>
        private bool Attach(RecordedValue value)
        {
            if (++_nodes > InputLimits.MaxNodes || _depth == 0)
            {
                return false;
            }

            _frames[_depth - 1].Add(value);
            return true;
        }

        private static string? Text(ref Utf8JsonReader reader)
        {
            // An escaped string is decoded by the reader; one with an unpaired surrogate escape fails there, and the
            // full parser (which keeps such a string) reads the file.
            var text = reader.ValueIsEscaped ? reader.GetString()! : Utf8StringCache.Get(reader.ValueSpan);
            return text.Length > InputLimits.MaxScalarLength ? null : text;
        }

        /// <summary>As Newtonsoft reads a number: with a fraction or exponent a double, otherwise a 64-bit integer.</summary>
        private static RecordedValue? Number(ref Utf8JsonReader reader)
        {
            if (reader.ValueSpan.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0)
            {
                return reader.TryGetDouble(out var d) && double.IsFinite(d) ? RecordedValue.Of(d) : null;
            }

            return reader.TryGetInt64(out var n) ? RecordedValue.Of(n) : null;
        }
    }

    /// <summary>One open object or array.</summary>
    private sealed class Frame
    {
        private const int LinearSearchLimit = 32;

        private readonly List<string> _names = [];
        private readonly List<RecordedValue> _values = [];
        private readonly HashSet<string> _large = new(StringComparer.Ordinal);
        private bool _isObject;
        private string? _pending;

        public void Start(bool isObject)
        {
            _isObject = isObject;
            _pending = null;
        }

        /// <summary>The next member's name; false for a duplicate.</summary>
        public bool Name(string name)
        {
            // Snapshot objects are small: a linear search, and a set once an object is large (no quadratic time).
            if (_names.Count < LinearSearchLimit)
            {
                foreach (var existing in _names)
                {
                    if (string.Equals(existing, name, StringComparison.Ordinal))
                    {
                        return false;
                    }
                }
            }
            else
            {
                if (_large.Count == 0)
                {
                    _large.UnionWith(_names);
                }

                if (!_large.Add(name))
                {
                    return false;
                }
            }

            _pending = name;
            return true;
        }

        public void Add(RecordedValue value)
        {
            if (_isObject)
            {
                _names.Add(_pending!);
            }

            _values.Add(value);
        }

        public RecordedValue Close()
        {
            var value = _isObject
                ? RecordedValue.Of(new RecordedObject([.. _names], [.. _values]))
                : RecordedValue.Of(_values.ToArray());
            Clear();
            return value;
        }

        public void Clear()
        {
            _names.Clear();
            _values.Clear();
            _large.Clear();
        }
    }
}
