namespace PerformanceTargets.Web.Infrastructure.Hosting;

/// <summary>
/// A setting the program cannot start with: an unknown <c>Database:Provider</c>, a connection string its provider cannot
/// read or that lacks the server. The program prints the message (one line in Chinese that names the setting to fix) and
/// exits with code 1, for the server and for every verb, instead of an exception's stack trace.
/// </summary>
public sealed class ConfigurationProblemException(string message, Exception? innerException = null) : Exception(message, innerException);
