package io.github.gitlabqueueadapter.config;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A {@link io.quarkus.runtime.configuration.MemorySize} within bounds written as in application.properties. */
@Documented
@Constraint(validatedBy = MemorySizeRangeValidator.class)
@Target({METHOD, TYPE_USE})
@Retention(RUNTIME)
public @interface MemorySizeRange {

    /** Smallest accepted, inclusive ({@code 64K}). */
    String min();

    /** Largest accepted, inclusive ({@code 256M}). */
    String max();

    String message() default "must be {min} to {max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
