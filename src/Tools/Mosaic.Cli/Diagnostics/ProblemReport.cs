using Mosaic.Cli.Terminal;

namespace Mosaic.Cli.Diagnostics;

/// <summary>How a checking command shows what it found: each problem on its line, then one summary line.</summary>
public static class ProblemReport
{
    /// <summary>Prints <paramref name="problems"/> and a summary of <paramref name="subject"/>; returns the number of errors.</summary>
    public static int Print(ConsoleOutput output, IReadOnlyList<Problem> problems, string subject)
    {
        foreach (var problem in problems) output.Line(problem.ToString());
        var errors = problems.Count(p => !p.IsWarning);
        var warnings = problems.Count - errors;
        if (errors > 0) output.Warning($"{subject}: {errors} error(s), {warnings} warning(s).");
        else output.Success($"{subject} is valid{(warnings > 0 ? $" ({warnings} warning(s))" : "")}.");
        return errors;
    }
}
