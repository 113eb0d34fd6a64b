package io.github.gitlabqueueadapter.domain;

import java.util.Optional;
import java.util.function.Function;

/**
 * What one queue's endpoint can say now: a value, or the reason it cannot give one (the 503's message).
 *
 * @param <T> what an available answer carries: the numbers, or the JSON a reader gets
 */
public sealed interface Answer<T> permits Answer.Available, Answer.Unavailable {

    /** The queue's name as its endpoint shows it. */
    String name();

    record Available<T>(String name, T value) implements Answer<T> {}

    record Unavailable<T>(String name, String reason) implements Answer<T> {}

    /** The value, or empty when the answer is unavailable. */
    default Optional<T> available() {
        return this instanceof Available<T> available ? Optional.of(available.value()) : Optional.empty();
    }

    /** The same answer with its value changed; an unavailable answer keeps its reason. */
    default <R> Answer<R> map(Function<? super T, ? extends R> change) {
        if (this instanceof Available<T> available) {
            return new Available<>(name(), change.apply(available.value()));
        }
        return new Unavailable<>(name(), ((Unavailable<T>) this).reason());
    }

    /** One of two results: from the value, or from the reason. */
    default <R> R fold(Function<? super T, ? extends R> available, Function<String, ? extends R> unavailable) {
        if (this instanceof Available<T> a) {
            return available.apply(a.value());
        }
        return unavailable.apply(((Unavailable<T>) this).reason());
    }
}
