package io.github.gitlabqueueadapter.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link MemorySizeRange}; its bounds are parsed as Quarkus parses a size setting. */
@RegisterForReflection
public final class MemorySizeRangeValidator implements ConstraintValidator<MemorySizeRange, MemorySize> {

    private long min;
    private long max;

    @Override
    public void initialize(MemorySizeRange range) {
        MemorySizeConverter converter = new MemorySizeConverter();
        min = converter.convert(range.min()).asLongValue();
        max = converter.convert(range.max()).asLongValue();
    }

    @Override
    public boolean isValid(MemorySize value, ConstraintValidatorContext context) {
        return value == null || value.asLongValue() >= min && value.asLongValue() <= max;
    }
}
