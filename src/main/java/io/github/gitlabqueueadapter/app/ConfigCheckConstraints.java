package io.github.gitlabqueueadapter.app;

import io.github.gitlabqueueadapter.config.AtStart;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.hibernate.validator.PredefinedScopeHibernateValidator;
import org.hibernate.validator.constraints.Range;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Runs the constraints declared on the configuration mappings ({@link AtStart}), each violation a reason for its key:
 * {@code is 0; must be 1 to 500}. The validator is built as Quarkus builds the one of SmallRye's mapping validation (a
 * predefined scope: the mappings' classes, read once), so that it runs alike on the JVM, in a native image and in
 * tests without Quarkus.
 */
final class ConfigCheckConstraints {

    /** The built-in constraints the mappings use; another one must be added here (the tests fail without it). */
    private static final Set<String> BUILT_IN =
            Set.of(Range.class.getName(), Min.class.getName(), Max.class.getName(), Pattern.class.getName());

    /** A mapping, or a group of one, and the prefix of its keys ({@code adapter.redis}). */
    record Mapping(String prefix, Class<?> type, Object values) {}

    private ConfigCheckConstraints() {}

    /**
     * The reason of each key whose value breaks a constraint, by key. {@code unread} names groups of keys that the
     * configuration leaves unused ({@code adapter.redis} with the memory store): they are not checked.
     */
    static Map<String, String> reasons(List<Mapping> mappings, Predicate<String> unread) {
        List<Mapping> all = new ArrayList<>();
        mappings.forEach(mapping -> withGroups(mapping, unread, all));
        Set<Class<?>> classes = new HashSet<>();
        all.forEach(mapping -> classes.add(mapping.values().getClass()));
        Map<String, String> reasons = new TreeMap<>();
        try (ValidatorFactory factory = Validation.byProvider(PredefinedScopeHibernateValidator.class)
                .configure()
                .ignoreXmlConfiguration()
                .builtinConstraints(BUILT_IN)
                .initializeBeanMetaData(classes)
                .messageInterpolator(new ParameterMessageInterpolator(Set.of(Locale.ROOT), Locale.ROOT, false))
                .buildValidatorFactory()) {
            Validator validator = factory.getValidator();
            for (Mapping mapping : all) {
                for (Method method : settings(mapping.type())) {
                    Object value = read(method, mapping.values());
                    for (ConstraintViolation<Object> violation : validator
                            .forExecutables()
                            .validateReturnValue(mapping.values(), method, value, AtStart.class)) {
                        reasons.putIfAbsent(
                                mapping.prefix() + "." + kebab(method.getName()),
                                "is " + shown(violation.getInvalidValue()) + "; " + violation.getMessage());
                    }
                }
            }
        }
        return reasons;
    }

    /** The mapping and its groups ({@code adapter.history} in {@code adapter}), but none that is unread. */
    private static void withGroups(Mapping mapping, Predicate<String> unread, List<Mapping> all) {
        if (unread.test(mapping.prefix())) {
            return;
        }
        all.add(mapping);
        for (Method method : settings(mapping.type())) {
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getPackage().equals(AtStart.class.getPackage())) {
                String prefix = mapping.prefix() + "." + kebab(method.getName());
                withGroups(new Mapping(prefix, type, read(method, mapping.values())), unread, all);
            }
        }
    }

    /** The methods that read a key or a group of keys. */
    private static List<Method> settings(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() == 0 && !method.isDefault() && !Modifier.isStatic(method.getModifiers())) {
                methods.add(method);
            }
        }
        return methods;
    }

    private static Object read(Method method, Object values) {
        try {
            return method.invoke(values);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + method, e);
        }
    }

    /** A method's key as SmallRye names it: {@code maxPages} is {@code max-pages}. */
    static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** A value as the problem line repeats it: {@code PT30S}, {@code 1024 bytes}, {@code 'my prefix'}. */
    private static String shown(Object value) {
        if (value instanceof MemorySize size) {
            return size.asLongValue() + " bytes";
        }
        if (value instanceof CharSequence text) {
            return "'" + ConfigCheck.printable(text.toString()) + "'";
        }
        return value instanceof Duration duration ? duration.toString() : String.valueOf(value);
    }
}
