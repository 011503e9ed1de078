namespace PerformanceTargets.Domain;

/// <summary>An aggregate refused a change. The message is written for the user, in Chinese.</summary>
public class DomainException : Exception
{
    public DomainException(string message)
        : base(message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DomainException()
    {
    }
}
