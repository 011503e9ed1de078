namespace PerformanceTargets.Web.Tests.Infrastructure;

/// <summary>The project form's fields as a browser posts them.</summary>
public static class ProjectForms
{
    public static Dictionary<string, string> Valid(string name, string token, string? code = null) => new()
    {
        ["__RequestVerificationToken"] = token,
        ["Input.Code"] = code ?? "C" + Guid.NewGuid().ToString("N")[..10],
        ["Input.Name"] = name,
        ["Input.Budget"] = "1,500,000.00",
        ["Input.FiscalFunds"] = "1,000,000.00",
        ["Input.OtherFunds"] = "500000",
        ["Input.Purpose"] = "日常办公",
        ["Input.Plan[0]"] = "20",
        ["Input.Plan[1]"] = "50",
        ["Input.Plan[2]"] = "80",
        ["Input.Plan[3]"] = "100",
        ["Input.Goals[0]"] = "保障日常运转。",
        ["Input.Goals[1]"] = "提高服务满意度。",
        ["Input.Indicators[0].Level1"] = "产出指标",
        ["Input.Indicators[0].Level2"] = "数量指标",
        ["Input.Indicators[0].Name"] = "培训人数",
        ["Input.Indicators[0].Description"] = "参加培训的人数",
        ["Input.Indicators[0].Value"] = "≥2人",
        ["Input.Indicators[0].Basis"] = "年度工作计划",
        ["Input.Indicators[1].Level1"] = "满意度指标",
        ["Input.Indicators[1].Level2"] = "服务对象满意度指标",
        ["Input.Indicators[1].Name"] = "服务对象满意度",
        ["Input.Indicators[1].Description"] = "问卷调查",
        ["Input.Indicators[1].Value"] = "≥90%",
        ["Input.Indicators[1].Basis"] = "年度工作计划",
    };
}
