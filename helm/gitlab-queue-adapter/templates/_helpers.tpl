{{- define "gqa.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "gqa.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "gqa.labels" -}}
app.kubernetes.io/name: {{ include "gqa.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "gqa.selectorLabels" -}}
app.kubernetes.io/name: {{ include "gqa.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "gqa.secretName" -}}
{{- if .Values.secret.create -}}{{ include "gqa.fullname" . }}{{- else -}}{{ required "secret.existingSecret is required when secret.create is false" .Values.secret.existingSecret }}{{- end -}}
{{- end -}}

{{/* Whether a GitLab token reaches the pod: from the chart's Secret, or from an existing one. */}}
{{- define "gqa.hasToken" -}}
{{- if or (and .Values.secret.create .Values.secret.gitlabToken) (and (not .Values.secret.create) .Values.secret.existingSecret) -}}true{{- end -}}
{{- end -}}

{{/* A list joined by commas, each item as written: YAML reads 12270857 as a float, which would print 1.2270857e+07. */}}
{{- define "gqa.join" -}}
{{- $items := list -}}
{{- range . -}}
{{- $items = append $items (include "gqa.item" .) -}}
{{- end -}}
{{- join "," $items -}}
{{- end -}}

{{/*
The Secret keys that hold API keys in this render, as a JSON list: one key per API key, so that KEDA can send exactly
one of them. The chart's own Secret writes api-key (given or generated) and api-key-next (during a rotation); an
existing Secret holds the keys that secret.existingSecretApiKeys names.
*/}}
{{- define "gqa.apiKeySecretKeys" -}}
{{- $keys := list -}}
{{- if .Values.secret.create -}}
{{- if or .Values.secret.apiKey .Values.secret.generateApiKey -}}{{- $keys = append $keys "api-key" -}}{{- end -}}
{{- if .Values.secret.apiKeyNext -}}{{- $keys = append $keys "api-key-next" -}}{{- end -}}
{{- else -}}
{{- $keys = .Values.secret.existingSecretApiKeys | default list -}}
{{- end -}}
{{- toJson $keys -}}
{{- end -}}

{{/* The environment variable that carries one Secret key's API key into the pod: api-key-next -> GQA_SECRET_API_KEY_NEXT. */}}
{{- define "gqa.apiKeyEnvName" -}}
{{- printf "GQA_SECRET_%s" (. | upper | replace "-" "_" | replace "." "_") -}}
{{- end -}}

{{/*
The API key under Secret key api-key: secret.apiKey, else the one a previous install generated (read back from the
cluster, so an upgrade keeps it), else a new random one. Generated once per render, so every template sees the same.
*/}}
{{- define "gqa.apiKey" -}}
{{- if .Values.secret.apiKey -}}
{{- .Values.secret.apiKey -}}
{{- else -}}
{{- if not (hasKey .Values.secret "_generatedApiKey") -}}
{{- $existing := (lookup "v1" "Secret" .Release.Namespace (include "gqa.fullname" .)).data | default dict -}}
{{- $_ := set .Values.secret "_generatedApiKey" (get $existing "api-key" | default "" | b64dec | default (randAlphaNum 40)) -}}
{{- end -}}
{{- .Values.secret._generatedApiKey -}}
{{- end -}}
{{- end -}}

{{/* The Secret key KEDA's TriggerAuthentication sends: keda.authentication.secretKey, else the first API key's. */}}
{{- define "gqa.kedaSecretKey" -}}
{{- $keys := include "gqa.apiKeySecretKeys" . | fromJsonArray -}}
{{- $key := .Values.keda.authentication.secretKey | default (first $keys) | default "" -}}
{{- if and $key (not (has $key $keys)) -}}
{{- fail (printf "keda.authentication.secretKey %q is not one of the Secret keys holding API keys (%s)" $key (join ", " $keys)) -}}
{{- end -}}
{{- $key -}}
{{- end -}}

{{/* The Service's address inside the cluster, as KEDA's operator reaches it: https when tls.enabled. */}}
{{- define "gqa.serviceUrl" -}}
{{- printf "%s://%s:%v" (include "gqa.scheme" .) (include "gqa.serviceHost" .) .Values.service.port -}}
{{- end -}}

{{- define "gqa.serviceHost" -}}
{{- printf "%s.%s.svc.%s" (include "gqa.fullname" .) .Release.Namespace .Values.keda.clusterDomain -}}
{{- end -}}

{{- define "gqa.scheme" -}}
{{- if .Values.tls.enabled -}}https{{- else -}}http{{- end -}}
{{- end -}}

{{/* The pod's port name: https when tls.enabled (plain HTTP is closed then), else http. */}}
{{- define "gqa.portName" -}}
{{- include "gqa.scheme" . -}}
{{- end -}}

{{/* The Secret holding tls.crt, tls.key and ca.crt, failing when tls.enabled names no source for it. */}}
{{- define "gqa.tlsSecretName" -}}
{{- if .Values.tls.existingSecret -}}
{{- .Values.tls.existingSecret -}}
{{- else if .Values.tls.certManager.enabled -}}
{{- printf "%s-tls" (include "gqa.fullname" .) -}}
{{- else -}}
{{- fail "tls.enabled needs tls.existingSecret (a Secret with tls.crt, tls.key, ca.crt) or tls.certManager.enabled" -}}
{{- end -}}
{{- end -}}

{{/* The Secret KEDA's client certificate is in, when KEDA authenticates with it (authMode tls). */}}
{{- define "gqa.kedaClientCertificate" -}}
{{- with .Values.keda.authentication.clientCertificateSecret -}}
{{- if not $.Values.tls.enabled -}}
{{- fail "keda.authentication.clientCertificateSecret needs tls.enabled: a client certificate is only presented over HTTPS" -}}
{{- end -}}
{{- . -}}
{{- end -}}
{{- end -}}

{{/* One id or path as written: YAML reads 12270857 as a float. */}}
{{- define "gqa.item" -}}
{{- if kindIs "float64" . -}}{{- int64 . | toString -}}{{- else -}}{{- toString . -}}{{- end -}}
{{- end -}}

{{/*
The path of one queue entry of keda.scaledObjects / keda.scaledJobs ({project: ...}, {pool: ...} or {group: ...}),
failing when the entry names none, several, or a queue the adapter does not watch (it would answer 404).
Called with (dict "entry" $entry "root" $).
*/}}
{{- define "gqa.queuePath" -}}
{{- $e := .entry -}}
{{- $named := list -}}
{{- range $kind := list "project" "pool" "group" -}}{{- if hasKey $e $kind -}}{{- $named = append $named $kind -}}{{- end -}}{{- end -}}
{{- if ne (len $named) 1 -}}
{{- fail (printf "keda entry %q: name exactly one of project, pool or group" ($e.name | default "?")) -}}
{{- end -}}
{{- $kind := first $named -}}
{{- $name := include "gqa.item" (get $e $kind) -}}
{{- $known := get (include "gqa.queues" .root | fromJson) (printf "%ss" $kind) -}}
{{- if not (has $name $known) -}}
{{- fail (printf "keda entry %q reads %s %q, which adapter.%ss does not name (nor config's adapter.%ss): the adapter would answer 404" ($e.name | default "?") $kind $name $kind $kind) -}}
{{- end -}}
{{- printf "/queues/%ss/%s" $kind (urlquery $name) -}}
{{- end -}}

{{/* The metrics-api trigger of one keda entry: the URL from this release's Service, the chart's TriggerAuthentication. */}}
{{- define "gqa.kedaTrigger" -}}
{{- $e := .entry -}}
- type: metrics-api
  metadata:
    url: {{ printf "%s%s" (include "gqa.serviceUrl" .root) (include "gqa.queuePath" .) | quote }}
    valueLocation: {{ include "gqa.kedaValueLocation" . | quote }}
    targetValue: {{ $e.targetValue | default 1 | toString | quote }}
    activationTargetValue: {{ $e.activationTargetValue | default 0 | toString | quote }}
    {{- if include "gqa.kedaClientCertificate" .root }}
    authMode: "tls"
  authenticationRef:
    name: {{ include "gqa.fullname" .root }}
    {{- else if .auth }}
    authMode: "apiKey"
  authenticationRef:
    name: {{ include "gqa.fullname" .root }}
    {{- end }}
{{- end -}}

{{/* Replicas: replicaCount, or 2 with store redis and 1 with memory when it is empty. */}}
{{- define "gqa.replicas" -}}
{{- if kindIs "invalid" .Values.replicaCount -}}
{{- if eq (include "gqa.store" .) "redis" }}2{{ else }}1{{ end -}}
{{- else -}}
{{- .Values.replicaCount -}}
{{- end -}}
{{- end -}}

{{/* The store, checked: memory, or redis with a URL. */}}
{{- define "gqa.store" -}}
{{- if eq .Values.store "redis" -}}
{{- if not .Values.redis.url -}}
{{- fail "store redis needs redis.url (redis://host:6379, or rediss:// for TLS)" -}}
{{- end -}}
redis
{{- else if eq .Values.store "memory" -}}
memory
{{- else -}}
{{- fail (printf "store %q is not memory or redis" .Values.store) -}}
{{- end -}}
{{- end -}}

{{/*
One value as application.properties holds it: a list joined by commas (a comma inside an item escaped, so that the
adapter's list converter keeps it), a whole number without an exponent (YAML reads 12270857 as a float), true or
false, and backslashes and line breaks escaped. Called with (dict "key" <property key> "value" <value>); a list of
maps or of lists has no one-line form and fails.
*/}}
{{- define "gqa.propertyValue" -}}
{{- if kindIs "slice" .value -}}
{{- $items := list -}}
{{- range .value -}}
{{- if or (kindIs "map" .) (kindIs "slice" .) -}}
{{- fail (printf "config.%s: a list of maps or of lists has no one-line form; write its items as keys (%s[0].name: ...)" $.key $.key) -}}
{{- end -}}
{{- $items = append $items (include "gqa.propertyScalar" . | replace "," "\\\\,") -}}
{{- end -}}
{{- join "," $items -}}
{{- else -}}
{{- include "gqa.propertyScalar" .value -}}
{{- end -}}
{{- end -}}

{{- define "gqa.propertyScalar" -}}
{{- $s := toString . -}}
{{- if kindIs "float64" . -}}{{- if eq (float64 (int64 .)) . -}}{{- $s = int64 . | toString -}}{{- end -}}{{- end -}}
{{- regexReplaceAll "^ " ($s | replace "\\" "\\\\" | replace "\n" "\\n" | replace "\r" "\\r" | replace "\t" "\\t") "\\ " -}}
{{- end -}}

{{/* The map config, flattened into property keys (nested maps joined with dots). Called with (dict "prefix" ""
"value" .Values.config "out" <a dict it fills>); a null value is left out, and a key written twice fails. */}}
{{- define "gqa.flatten" -}}
{{- $out := .out -}}
{{- $prefix := .prefix -}}
{{- range $k, $v := .value -}}
{{- $key := $k -}}
{{- if $prefix -}}{{- $key = printf "%s.%s" $prefix $k -}}{{- end -}}
{{- if kindIs "map" $v -}}
{{- include "gqa.flatten" (dict "prefix" $key "value" $v "out" $out) -}}
{{- else if not (kindIs "invalid" $v) -}}
{{- if hasKey $out $key -}}
{{- fail (printf "config.%s is set twice, once as nested keys and once with dots: keep one" $key) -}}
{{- end -}}
{{- $_ := set $out $key $v -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Fails when a key of config is one the chart owns: a secret (a ConfigMap is no place for one), or a setting the chart
wires itself (as an environment variable, which would win over the file, or as a line of its own). A %profile.
prefix does not hide a key.
*/}}
{{- define "gqa.checkConfigKey" -}}
{{- $key := . -}}
{{- if not (regexMatch "^[^\\s=:#!]+$" $key) -}}
{{- fail (printf "config.%s: not a property key (no spaces, '=', ':', and no '#' or '!')" $key) -}}
{{- end -}}
{{- $bare := regexReplaceAll "^%[^.]+\\." $key "" -}}
{{- $secrets := dict
  "gitlab.token" "secret.gitlabToken or secret.existingSecret (key gitlab-token)"
  "adapter.auth.api-keys" "secret.apiKey, secret.apiKeyNext, or secret.existingSecret with secret.existingSecretApiKeys"
  "adapter.webhook.secret" "secret.webhookSecret, or secret.existingSecret (key webhook-secret)"
  "adapter.auth.basic.password" "extraEnv (ADAPTER_AUTH_BASIC_PASSWORD) with a secretKeyRef"
  "gitlab.proxy.password" "extraEnv (GITLAB_PROXY_PASSWORD) with a secretKeyRef"
  "quarkus.redis.password" "redis.existingSecret" -}}
{{- if or (hasKey $secrets $bare) (regexMatch "^quarkus\\.redis\\..+\\.password$" $bare) -}}
{{- fail (printf "config.%s is a secret: it must not be written into a ConfigMap; set %s" $key (get $secrets $bare | default "it through extraEnv with a secretKeyRef")) -}}
{{- end -}}
{{- $owned := dict
  "config_ordinal" "nothing: the chart writes the file's ordinal"
  "quarkus.config.locations" "nothing: the chart mounts this file and names it"
  "gitlab.token-file" "secret.gitlabToken or secret.existingSecret"
  "gitlab.tls.ca-file" "gitlab.caBundleConfigMap"
  "adapter.store" "store"
  "quarkus.redis.hosts" "redis.url"
  "adapter.redis.replicas" "replicaCount"
  "adapter.redis.password-file" "redis.existingSecret"
  "adapter.kubernetes.enabled" "kubernetes.enabled (it also writes the Role the adapter reads with)"
  "quarkus.http.port" "service.port (the pod listens on 8080, or 8443 with tls.enabled)"
  "quarkus.http.ssl-port" "tls.enabled"
  "quarkus.http.insecure-requests" "tls.enabled"
  "quarkus.http.ssl.client-auth" "tls.clientAuth"
  "quarkus.tls.reload-period" "tls.reloadPeriod" -}}
{{- if hasKey $owned $bare -}}
{{- fail (printf "config.%s is set by the chart: use %s" $key (get $owned $bare)) -}}
{{- end -}}
{{- if or (hasPrefix "quarkus.tls.key-store." $bare) (hasPrefix "quarkus.tls.trust-store." $bare) -}}
{{- fail (printf "config.%s is set by the chart: use tls.existingSecret or tls.certManager" $key) -}}
{{- end -}}
{{- end -}}

{{/*
The adapter's settings the chart writes into application.properties, as a JSON object of property key to value:
first those of the typed values (gitlab.*, adapter.*, redis.keyPrefix and .leaseTtl, kubernetes.interval), then
every key of config, which wins over a typed value of the same key.
*/}}
{{- define "gqa.properties" -}}
{{- $v := .Values -}}
{{- $typed := dict
  "gitlab.url" $v.gitlab.url
  "gitlab.timeout" $v.gitlab.timeout
  "gitlab.requests-per-minute" $v.gitlab.requestsPerMinute
  "adapter.poll-interval" $v.adapter.pollInterval
  "adapter.reconcile-interval" $v.adapter.reconcileInterval
  "adapter.max-staleness" $v.adapter.maxStaleness
  "adapter.runner-refresh" $v.adapter.runnerRefresh
  "quarkus.log.console.json.enabled" $v.adapter.jsonLogs -}}
{{- with $v.adapter.projects }}{{ $_ := set $typed "adapter.projects" . }}{{ end -}}
{{- with $v.adapter.groups }}{{ $_ := set $typed "adapter.groups" . }}{{ end -}}
{{- range $name, $pool := $v.adapter.pools -}}
{{- $pool = $pool | default dict -}}
{{- with $pool.projects }}{{ $_ := set $typed (printf "adapter.pools.%s.projects" $name) . }}{{ end -}}
{{- with $pool.groups }}{{ $_ := set $typed (printf "adapter.pools.%s.groups" $name) . }}{{ end -}}
{{- with $pool.tags }}{{ $_ := set $typed (printf "adapter.pools.%s.tags" $name) . }}{{ end -}}
{{- if hasKey $pool "runUntagged" }}{{ $_ := set $typed (printf "adapter.pools.%s.run-untagged" $name) $pool.runUntagged }}{{ end -}}
{{- with $pool.runners }}{{ $_ := set $typed (printf "adapter.pools.%s.runners" $name) . }}{{ end -}}
{{- include "gqa.capacityProperties" (dict "name" $name "pool" $pool "out" $typed) -}}
{{- end -}}
{{- if eq (include "gqa.store" .) "redis" -}}
{{- $_ := set $typed "adapter.redis.key-prefix" $v.redis.keyPrefix -}}
{{- $_ := set $typed "adapter.redis.lease-ttl" $v.redis.leaseTtl -}}
{{- end -}}
{{- if $v.kubernetes.enabled -}}
{{- $_ := set $typed "adapter.kubernetes.interval" $v.kubernetes.interval -}}
{{- end -}}
{{- $config := dict -}}
{{- include "gqa.flatten" (dict "prefix" "" "value" ($v.config | default dict) "out" $config) -}}
{{- $out := dict -}}
{{- range $key, $value := $typed -}}
{{- if not (kindIs "invalid" $value) -}}
{{- $_ := set $out $key (include "gqa.propertyValue" (dict "key" $key "value" $value)) -}}
{{- end -}}
{{- end -}}
{{- range $key, $value := $config -}}
{{- include "gqa.checkConfigKey" $key -}}
{{- $_ := set $out $key (include "gqa.propertyValue" (dict "key" $key "value" $value)) -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/*
A typed pool's capacity keys (capacityPerRunner, maxRunners, policies.<policy>.*, warmUp.*), its price
(costPerRunnerHour) and its overflow keys (overflowOf, overflowAfter) as the adapter's property keys, set into out. Called with (dict "name" <pool> "pool" <its values> "out" <a dict>); a policy key the adapter does not
know fails, naming the keys it knows.
*/}}
{{- define "gqa.capacityProperties" -}}
{{- $prefix := printf "adapter.pools.%s" .name -}}
{{- range $value, $key := dict "capacityPerRunner" "capacity-per-runner" "maxRunners" "max-runners"
  "costPerRunnerHour" "cost-per-runner-hour" "overflowOf" "overflow-of" "overflowAfter" "overflow-after" -}}
{{- if hasKey $.pool $value }}{{ $_ := set $.out (printf "%s.%s" $prefix $key) (get $.pool $value) }}{{ end -}}
{{- end -}}
{{- $warm := dict "enabled" "enabled" "lead" "lead" "timezone" "timezone" -}}
{{- range $value, $setting := .pool.warmUp | default dict -}}
{{- if not (hasKey $warm $value) -}}
{{- fail (printf "adapter.pools.%s.warmUp.%s is not a warm-up key; warm-up has %s" $.name $value (keys $warm | sortAlpha | join ", ")) -}}
{{- end -}}
{{- $_ := set $.out (printf "%s.warm-up.%s" $prefix $value) $setting -}}
{{- end -}}
{{- $keys := dict "periods" "periods" "timezone" "timezone" "idleCount" "idle-count" "idleTime" "idle-time"
  "scaleFactor" "scale-factor" "scaleFactorLimit" "scale-factor-limit" -}}
{{- range $policy, $settings := .pool.policies | default dict -}}
{{- range $value, $setting := $settings | default dict -}}
{{- if not (hasKey $keys $value) -}}
{{- fail (printf "adapter.pools.%s.policies.%s.%s is not a policy key; a policy has %s" $.name $policy $value (keys $keys | sortAlpha | join ", ")) -}}
{{- end -}}
{{- $_ := set $.out (printf "%s.policies.%s.%s" $prefix $policy (get $keys $value)) $setting -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The capacity-per-runner of the pool a keda entry reads, when that pool has capacity keys (typed or in config):
its capacity-per-runner, "1" when only max-runners or policies are given; empty for a pool without them, a project
or a group. Called with (dict "entry" $entry "root" $).
*/}}
{{- define "gqa.entryCapacity" -}}
{{- if hasKey .entry "pool" -}}
{{- $prefix := printf "adapter.pools.%s." (include "gqa.item" .entry.pool) -}}
{{- $props := include "gqa.properties" .root | fromJson -}}
{{- $has := false -}}
{{- range $key, $_ := $props -}}
{{- if hasPrefix $prefix $key -}}
{{- $rest := trimPrefix $prefix $key -}}
{{- if or (eq $rest "capacity-per-runner") (eq $rest "max-runners") (hasPrefix "policies." $rest) (and (eq $rest "warm-up.enabled") (eq (toString (get $props $key)) "true")) -}}{{- $has = true -}}{{- end -}}
{{- end -}}
{{- end -}}
{{- if $has -}}{{- get $props (printf "%scapacity-per-runner" $prefix) | default "1" -}}{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The field a keda entry's trigger reads: its valueLocation, else the one that fits its reader's formula. A ScaledObject
(replicas = ceil(value / targetValue)): desired of a pool with capacity keys, else pending. A ScaledJob (Jobs created =
value - the Jobs it runs, by default): pending under the accurate strategy (it subtracts only Jobs not started yet);
desired of a pool with capacity keys whose runners take one job each (capacity-per-runner 1); total otherwise.
Fails where the adapter would answer no desired field, or where accurate would count each running job again.
Called with (dict "entry" $entry "root" $ "kind" "ScaledObject" or "ScaledJob").
*/}}
{{- define "gqa.kedaValueLocation" -}}
{{- $e := .entry -}}
{{- $capacity := include "gqa.entryCapacity" . -}}
{{- $accurate := and (eq .kind "ScaledJob") (eq (dig "scalingStrategy" "strategy" "" ($e.spec | default dict)) "accurate") -}}
{{- $location := $e.valueLocation -}}
{{- if not $location -}}
{{- if eq .kind "ScaledObject" -}}
{{- $location = ternary "desired" "pending" (ne $capacity "") -}}
{{- else if $accurate -}}
{{- $location = "pending" -}}
{{- else -}}
{{- $location = ternary "desired" "total" (eq $capacity "1") -}}
{{- end -}}
{{- end -}}
{{- if and (eq $location "desired") (eq $capacity "") -}}
{{- fail (printf "keda entry %q reads desired, which only a pool with capacity keys answers (adapter.pools.<name>.capacityPerRunner, maxRunners or policies): read pending or total, or give its pool capacity" ($e.name | default "?")) -}}
{{- end -}}
{{- if and $accurate (has $location (list "desired" "total")) -}}
{{- fail (printf "keda entry %q: the accurate strategy subtracts only the Jobs not started yet, so %s would count every running job again at each poll: read pending" ($e.name | default "?") $location) -}}
{{- end -}}
{{- $location -}}
{{- end -}}

{{/*
The queues the adapter watches, from what application.properties says (typed values and config alike), as a JSON
object: projects, groups and pools, each a list of names.
*/}}
{{- define "gqa.queues" -}}
{{- $props := include "gqa.properties" . | fromJson -}}
{{- $pools := list -}}
{{- range $key, $_ := $props -}}
{{- with regexFind "^adapter\\.pools\\.[^.\"]+\\." $key -}}
{{- $pools = append $pools (trimPrefix "adapter.pools." . | trimSuffix ".") -}}
{{- end -}}
{{- end -}}
{{- $split := dict "projects" list "groups" list -}}
{{- range $kind := list "projects" "groups" -}}
{{- with get $props (printf "adapter.%s" $kind) -}}
{{- $_ := set $split $kind (splitList "," . | compact) -}}
{{- end -}}
{{- end -}}
{{- toJson (dict "projects" $split.projects "groups" $split.groups "pools" ($pools | uniq)) -}}
{{- end -}}
