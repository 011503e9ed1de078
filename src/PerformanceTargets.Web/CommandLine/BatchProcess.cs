using System.Runtime.InteropServices;

namespace PerformanceTargets.Web.CommandLine;

/// <summary>
/// A verb is a batch job of seconds, the server a process of days, and the runtime's default JIT suits the server: dynamic
/// PGO first compiles a hot method with counters, then again with what they saw. For a verb that is JIT work it never earns
/// back (a 10,000-project import: 0.6–0.8 s of ~4 s; docs/performance.md), while the server would lose 15–20 % of its
/// throughput without it. So on Linux a verb replaces its own process, once, before anything is opened, with the same
/// program, command line and environment plus <c>DOTNET_TieredPGO=0</c> (<c>execve</c>: the same process id, standard
/// streams, working directory and signals; nothing is left running). Whoever sets <c>DOTNET_TieredPGO</c> themselves (0 or 1)
/// keeps the process as started, as does every other platform.
/// </summary>
internal static class BatchProcess
{
    public const string Variable = "DOTNET_TieredPGO";

    /// <summary>Replaces the process as described above; returns only when it stays as it is.</summary>
    public static void RestartForBatchWork()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) is not null || Environment.ProcessPath is not { } program
            || CommandLine() is not { Count: > 0 } arguments)
        {
            return;
        }

        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Select(key => key + "=" + Environment.GetEnvironmentVariable(key))
            .Append(Variable + "=0")
            .ToList();
        var native = new List<IntPtr>();
        try
        {
            var path = Utf8(program, native);
            var argv = arguments.Select(a => Native(a, native)).Append(IntPtr.Zero).ToArray();
            var envp = environment.Select(e => Utf8(e, native)).Append(IntPtr.Zero).ToArray();
            Execve(path, argv, envp);

            // Only on failure does execve return: the verb runs here, as it would have before.
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library by another name: the verb runs here, as it would have before.
        }
        finally
        {
            native.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    /// <summary>The process's own argument vector, byte for byte as it was started (<c>dotnet</c>, the program, the verb, …).</summary>
    private static List<byte[]>? CommandLine()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes("/proc/self/cmdline");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // Each argument ends with a NUL; an empty argument is an empty string between two.
        var arguments = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == 0)
            {
                arguments.Add(bytes[start..i]);
                start = i + 1;
            }
        }

        return arguments;
    }

    private static IntPtr Utf8(string text, List<IntPtr> native)
    {
        var pointer = Marshal.StringToCoTaskMemUTF8(text);
        native.Add(pointer);
        return pointer;
    }

    /// <summary>A NUL-terminated copy of <paramref name="bytes"/> in native memory, freed with the others.</summary>
    private static IntPtr Native(byte[] bytes, List<IntPtr> native)
    {
        var pointer = Marshal.AllocCoTaskMem(bytes.Length + 1);
        native.Add(pointer);
        Marshal.Copy(bytes, 0, pointer, bytes.Length);
        Marshal.WriteByte(pointer, bytes.Length, 0);
        return pointer;
    }

    // DllImport, not LibraryImport: the arguments are blittable already, and LibraryImport would make the project allow unsafe code.
    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Execve(IntPtr path, IntPtr[] argv, IntPtr[] envp);
}
