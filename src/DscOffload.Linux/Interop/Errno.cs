namespace DscOffload.Linux.Interop;

/// <summary>
/// The Linux <c>errno</c> values this library maps to error kinds, and symbolic names for messages
/// (operators search for <c>EBUSY</c>, not for 16).
/// </summary>
internal static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ENXIO = 6;
    public const int EACCES = 13;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int EOPNOTSUPP = 95;
    public const int EPROTONOSUPPORT = 93;

    /// <summary>The symbolic name of a Linux errno, or <c>errno</c> when it is not a common one.</summary>
    public static string NameOf(int errno) => errno switch
    {
        1 => "EPERM",
        2 => "ENOENT",
        3 => "ESRCH",
        4 => "EINTR",
        5 => "EIO",
        6 => "ENXIO",
        7 => "E2BIG",
        9 => "EBADF",
        11 => "EAGAIN",
        12 => "ENOMEM",
        13 => "EACCES",
        14 => "EFAULT",
        16 => "EBUSY",
        17 => "EEXIST",
        19 => "ENODEV",
        20 => "ENOTDIR",
        22 => "EINVAL",
        23 => "ENFILE",
        24 => "EMFILE",
        25 => "ENOTTY",
        28 => "ENOSPC",
        34 => "ERANGE",
        38 => "ENOSYS",
        61 => "ENODATA",
        93 => "EPROTONOSUPPORT",
        95 => "EOPNOTSUPP",
        97 => "EAFNOSUPPORT",
        100 => "ENETDOWN",
        110 => "ETIMEDOUT",
        _ => "errno",
    };

    /// <summary><c>EBUSY (16)</c>: name and number, as messages show them.</summary>
    public static string Describe(int errno) => $"{NameOf(errno)} ({errno})";
}
