package io.github.gitlabqueueadapter.insight;

import java.util.ArrayList;
import java.util.List;

/** Fewer samples for a chart or a short answer: consecutive samples grouped, each group kept as its highest pending. */
public final class Downsample {

    private Downsample() {}

    /** At most {@code points} samples; peaks survive (a burst is never averaged away). */
    public static List<Sample> toAtMost(List<Sample> samples, int points) {
        if (samples.size() <= points) {
            return samples;
        }
        int group = (samples.size() + points - 1) / points;
        List<Sample> out = new ArrayList<>(points);
        for (int i = 0; i < samples.size(); i += group) {
            Sample peak = samples.get(i);
            for (int j = i + 1; j < Math.min(samples.size(), i + group); j++) {
                if (samples.get(j).pending() > peak.pending()) {
                    peak = samples.get(j);
                }
            }
            out.add(peak);
        }
        return out;
    }
}
