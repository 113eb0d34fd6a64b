package io.github.gitlabqueueadapter.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.runtime.configuration.DurationConverter;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Duration;

/** Checks {@link DurationRange}; its bounds are parsed as Quarkus parses a duration setting. */
@RegisterForReflection
public final class DurationRangeValidator implements ConstraintValidator<DurationRange, Duration> {

    private Duration min;
    private boolean minInclusive;
    private Duration max;

    @Override
    public void initialize(DurationRange range) {
        min = range.min().isEmpty() ? null : DurationConverter.parseDuration(range.min());
        minInclusive = range.minInclusive();
        max = range.max().isEmpty() ? null : DurationConverter.parseDuration(range.max());
    }

    @Override
    public boolean isValid(Duration value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        if (min != null && (minInclusive ? value.compareTo(min) < 0 : value.compareTo(min) <= 0)) {
            return false;
        }
        return max == null || value.compareTo(max) <= 0;
    }
}
