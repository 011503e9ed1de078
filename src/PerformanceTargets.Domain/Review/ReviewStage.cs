namespace PerformanceTargets.Domain.Review;

/// <summary>
/// A level of the review chain (审核链): goals are filled bottom-up and reviewed level by level, unit → 主管部门 → 财政
/// (财预〔2015〕88号 第二十六条). A submitted record waits at one stage; <see cref="None"/> when it waits for nobody.
/// </summary>
public enum ReviewStage
{
    /// <summary>Not waiting for a review (draft, returned or approved).</summary>
    None = 0,

    /// <summary>本单位审核: the head (部门负责人) of the filling unit.</summary>
    Unit = 1,

    /// <summary>主管部门审核: the head of the filling unit's parent unit in the unit tree.</summary>
    Parent = 2,

    /// <summary>财政审核: a 财政审核 (FinanceReviewer) user whose scope (a subtree of units) holds the filling unit.</summary>
    Finance = 3,
}

public static class ReviewStageNames
{
    public static string ToChinese(this ReviewStage stage) => stage switch
    {
        ReviewStage.Unit => "本单位审核",
        ReviewStage.Parent => "主管部门审核",
        ReviewStage.Finance => "财政审核",
        _ => "—",
    };
}
