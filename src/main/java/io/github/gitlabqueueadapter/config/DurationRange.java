package io.github.gitlabqueueadapter.config;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A {@link java.time.Duration} within bounds written as in application.properties ({@code 10s}, {@code 1d},
 * {@code PT0.5S}); an empty bound is no bound. The message names them as written: {@code must be 1m to 1d}.
 */
@Documented
@Constraint(validatedBy = DurationRangeValidator.class)
@Target({METHOD, TYPE_USE})
@Retention(RUNTIME)
public @interface DurationRange {

    /** Shortest accepted, inclusive unless {@link #minInclusive()} is false; empty: no lower bound. */
    String min() default "";

    /** Whether {@link #min()} itself is accepted; false for "longer than zero" ({@code min = "0s"}). */
    boolean minInclusive() default true;

    /** Longest accepted, inclusive; empty: no upper bound. */
    String max() default "";

    String message() default "must be {min} to {max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
