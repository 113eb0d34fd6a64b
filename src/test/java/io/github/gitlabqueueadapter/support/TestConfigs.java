package io.github.gitlabqueueadapter.support;

import io.github.gitlabqueueadapter.config.AdapterConfig;
import io.github.gitlabqueueadapter.config.GitLabConfig;
import io.github.gitlabqueueadapter.config.KubernetesConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real configuration mappings, for tests that run without Quarkus: SmallRye builds them from properties written as
 * in application.properties, with Quarkus's converters ({@code 15s}, {@code 8M}) and the mappings' own defaults.
 */
public final class TestConfigs {

    /** What every configuration here starts from: one GitLab and two projects; the rest are the defaults. */
    private static final Map<String, String> BASE =
            Map.of("gitlab.url", "https://gitlab.example.com", "adapter.projects", "group/app,42");

    private TestConfigs() {}

    /** {@code gitlab.*} from key, value, key, value... over the base; an empty value unsets a key. */
    public static GitLabConfig gitlab(String... keyValues) {
        return config(keyValues).getConfigMapping(GitLabConfig.class);
    }

    /** {@code adapter.*} from key, value, key, value... over the base; an empty value unsets a key. */
    public static AdapterConfig adapter(String... keyValues) {
        return config(keyValues).getConfigMapping(AdapterConfig.class);
    }

    /** {@code adapter.kubernetes.*} from key, value, key, value... over the base; an empty value unsets a key. */
    public static KubernetesConfig kubernetes(String... keyValues) {
        return config(keyValues).getConfigMapping(KubernetesConfig.class);
    }

    private static SmallRyeConfig config(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values go in pairs: " + String.join(", ", keyValues));
        }
        Map<String, String> properties = new HashMap<>(BASE);
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        return new SmallRyeConfigBuilder()
                .withMapping(GitLabConfig.class)
                .withMapping(AdapterConfig.class)
                .withMapping(KubernetesConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
    }
}
