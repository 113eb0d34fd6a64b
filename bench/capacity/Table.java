import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The markdown the bench prints: one table for week 2's working days, one for the whole week, and the notes. */
final class Table {

    private static final String HEAD =
            "| policy | job wait p50 / p95 / max | runner-hours provisioned / busy (busy share) "
                    + "| cost, on-demand runner-hours (spot at 1/3) | runners started / for nothing";

    private final StringBuilder out = new StringBuilder();

    Table heading(String text) {
        out.append(text).append("\n\n");
        return this;
    }

    Table workdays(List<Simulation.Run> runs, long start, long from, long to) {
        int days = Figures.morningWaits(runs.get(0), start, from, to).length;
        out.append(HEAD)
                .append(" | first morning pipeline's wait, median / max of ")
                .append(days)
                .append(days == 1 ? " day" : " days")
                .append(" |\n| --- | --- | --- | --- | --- | --- |\n");
        for (Simulation.Run run : runs) {
            Figures f = Figures.of(run, from, to);
            long[] morning = Figures.morningWaits(run, start, from, to);
            long worst = Arrays.stream(morning).max().orElse(0);
            out.append(row(run, f))
                    .append(" | ")
                    .append(Figures.median(morning))
                    .append(" / ")
                    .append(worst)
                    .append(" s |\n");
        }
        out.append('\n');
        return this;
    }

    Table week(List<Simulation.Run> runs, long from, long to) {
        out.append(HEAD).append(" |\n| --- | --- | --- | --- | --- |\n");
        for (Simulation.Run run : runs) {
            out.append(row(run, Figures.of(run, from, to))).append(" |\n");
        }
        out.append('\n');
        return this;
    }

    private static String row(Simulation.Run run, Figures f) {
        return String.format(
                        Locale.ROOT,
                        "| %s | %d / %d / %d s | %.1f%s / %.1f (%.0f %%) | %.1f | %d / %d",
                        run.variant().name(),
                        f.waitP50(),
                        f.waitP95(),
                        f.waitMax(),
                        f.provisionedHours(),
                        f.spotHours() > 0
                                ? String.format(
                                        Locale.ROOT,
                                        " (spot %.1f, on-demand %.1f)",
                                        f.spotHours(),
                                        f.provisionedHours() - f.spotHours())
                                : "",
                        f.busyHours(),
                        f.provisionedHours() == 0 ? 0 : 100 * f.busyHours() / f.provisionedHours(),
                        f.cost(),
                        f.started(),
                        f.forNothing())
                + (f.neverCame() > 0 ? " (+" + f.neverCame() + " never came)" : "");
    }

    Table settings(List<Simulation.Run> runs) {
        for (Simulation.Run run : runs) {
            out.append("- ")
                    .append(run.variant().name())
                    .append(": ")
                    .append(run.variant().settings());
            for (ScaledJob scaledJob : run.scaledJobs()) {
                if (!scaledJob.notes().isEmpty()) {
                    out.append("; ").append(scaledJob.notes());
                }
            }
            out.append('\n');
        }
        out.append('\n');
        return this;
    }

    Table line(String text) {
        out.append(text).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
