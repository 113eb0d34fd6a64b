package io.github.gitlabqueueadapter.cluster;

import java.util.Map;

/**
 * A ScaledObject or ScaledJob as the Kubernetes API listed it: what the matching and the status reads need of it.
 *
 * @param kind {@link #SCALED_OBJECT} or {@link #SCALED_JOB}
 * @param spec its {@code spec}, as a map; empty when it has none
 * @param status its {@code status}, as a map; empty before KEDA wrote one
 */
record KedaObject(String kind, String namespace, String name, Map<String, Object> spec, Map<String, Object> status) {

    static final String SCALED_OBJECT = "ScaledObject";
    static final String SCALED_JOB = "ScaledJob";

    KedaObject {
        spec = spec == null ? Map.of() : spec;
        status = status == null ? Map.of() : status;
    }

    /** The HPA KEDA made for this ScaledObject: {@code status.hpaName}, else KEDA's default {@code keda-hpa-<name>}. */
    String hpaName() {
        return status.get("hpaName") instanceof String hpa && !hpa.isBlank() ? hpa : "keda-hpa-" + name;
    }
}
