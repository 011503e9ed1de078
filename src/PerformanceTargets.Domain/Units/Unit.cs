namespace PerformanceTargets.Domain.Units;

/// <summary>A budget unit (单位), e.g. <c>631001</c> 秦皇岛市山海关区临港经济开发区发展中心本级. Codes are opaque strings.</summary>
public class Unit
{
    public const int CodeMaxLength = 32;
    public const int NameMaxLength = 200;

    private Unit()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    public Unit(string code, string name, int? parentId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Code = code.Trim();
        Name = name.Trim();
        ParentId = parentId;
    }

    public int Id { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public int? ParentId { get; private set; }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    public void MoveUnder(int? parentId)
    {
        if (parentId == Id && Id != 0)
        {
            throw new DomainException("单位不能以自身为上级单位。");
        }

        ParentId = parentId;
    }

    /// <summary>Splits a cell such as <c>631001秦皇岛市…本级</c> into its leading-digit code and the name after it.</summary>
    public static bool TrySplitCodeAndName(string cell, out string code, out string name)
    {
        var text = (cell ?? string.Empty).Trim();
        var i = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        code = text[..i];
        name = text[i..].Trim();
        return code.Length > 0 && name.Length > 0;
    }
}
