namespace DscOffload.Core.Recorded;

/// <summary>What a <see cref="RecordedValue"/> holds: the JSON token types the snapshot parser produces.</summary>
internal enum RecordedValueKind : byte
{
    /// <summary>JSON <c>null</c>.</summary>
    Null,

    /// <summary>A string.</summary>
    String,

    /// <summary>A number without fraction or exponent, in 64 bits.</summary>
    Integer,

    /// <summary>A number with a fraction or an exponent, as a finite double.</summary>
    Float,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>An object (<see cref="RecordedObject"/>).</summary>
    Object,

    /// <summary>An array.</summary>
    Array,

    /// <summary>
    /// A token of a kind the JSON reader never produces (only a tree handed to <see cref="RecordedHost.FromDocument"/>
    /// by a library user can hold one); kept as the token, so it reads as "none of the expected kinds".
    /// </summary>
    Other,
}
