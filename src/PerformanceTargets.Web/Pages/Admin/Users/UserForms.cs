using FluentValidation;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Infrastructure.Data;
using PerformanceTargets.Web.Infrastructure.Identity;

namespace PerformanceTargets.Web.Pages.Admin.Users;

/// <summary>What the create and edit forms share: a role and, for 财务人员 and 部门负责人, a unit.</summary>
public interface IRoleAndUnit
{
    string Role { get; }

    int? UnitId { get; }
}

/// <summary>财务人员 and 部门负责人 need a unit; 系统管理员 and 审计人员 have none.</summary>
public sealed class RoleAndUnitValidator : AbstractValidator<IRoleAndUnit>
{
    public RoleAndUnitValidator()
    {
        RuleFor(x => x.Role).Must(r => Roles.Normalize(r) is not null).WithMessage("请选择角色。");
        RuleFor(x => x.UnitId)
            .NotNull().When(x => Roles.RequiresUnit(Roles.Normalize(x.Role)))
            .WithMessage(x => $"{Roles.ToChinese(Roles.Normalize(x.Role)!)}必须选择所属单位。");
        RuleFor(x => x.UnitId)
            .Null().When(x => Roles.Normalize(x.Role) is { } role && !Roles.RequiresUnit(role))
            .WithMessage(x => $"{Roles.ToChinese(Roles.Normalize(x.Role)!)}不属于任何单位，请将所属单位留空。");
    }
}

/// <summary>Choices for the role and unit drop-downs.</summary>
internal static class UserOptions
{
    public static IReadOnlyList<SelectListItem> Roles { get; } =
        [.. Infrastructure.Identity.Roles.All.Select(r => new SelectListItem(Infrastructure.Identity.Roles.ToChinese(r), r))];

    public static async Task<IReadOnlyList<SelectListItem>> UnitsAsync(AppDbContext db) =>
        await db.Units.AsNoTracking()
            .OrderBy(u => u.Code)
            .Select(u => new SelectListItem(u.Code + " " + u.Name, u.Id.ToString()))
            .ToListAsync();
}
