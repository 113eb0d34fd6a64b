package io.github.gitlabqueueadapter.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How far warm-up looks ahead: the lead given, else the measured time to capacity within 0s..1h, else 2 minutes. */
class WarmUpLeadTest {

    @ParameterizedTest(name = "configured {0}, measured {1}: {2} ({3})")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            PT5M  | -      | PT5M   | warm-up.lead
            PT5M  | 90.0   | PT5M   | warm-up.lead
            PT0S  | 90.0   | PT0S   | warm-up.lead
            -     | 90.0   | PT1M30S | measured time to capacity
            -     | 89.2   | PT1M30S | measured time to capacity
            -     | 0.0    | PT0S   | measured time to capacity
            -     | 7200.0 | PT1H   | measured time to capacity
            -     | -      | PT2M   | time to capacity not measured yet
            """)
    void takesTheLeadGivenElseTheMeasuredElseTwoMinutes(
            String configured, Double measured, String lead, String source) {
        WarmUpLead chosen = WarmUpLead.of(Optional.ofNullable(configured).map(Duration::parse), measured);
        assertEquals(Duration.parse(lead), chosen.lead());
        assertEquals(source, chosen.source());
    }
}
