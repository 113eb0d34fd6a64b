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
{{- $v := .root.Values -}}
{{- $named := list -}}
{{- range $kind := list "project" "pool" "group" -}}{{- if hasKey $e $kind -}}{{- $named = append $named $kind -}}{{- end -}}{{- end -}}
{{- if ne (len $named) 1 -}}
{{- fail (printf "keda entry %q: name exactly one of project, pool or group" ($e.name | default "?")) -}}
{{- end -}}
{{- $kind := first $named -}}
{{- $name := include "gqa.item" (get $e $kind) -}}
{{- $known := list -}}
{{- if eq $kind "project" -}}{{- range $v.adapter.projects -}}{{- $known = append $known (include "gqa.item" .) -}}{{- end -}}
{{- else if eq $kind "group" -}}{{- range $v.adapter.groups -}}{{- $known = append $known (include "gqa.item" .) -}}{{- end -}}
{{- else -}}{{- $known = keys $v.adapter.pools -}}{{- end -}}
{{- if not (has $name $known) -}}
{{- fail (printf "keda entry %q reads %s %q, which adapter.%ss does not name: the adapter would answer 404" ($e.name | default "?") $kind $name $kind) -}}
{{- end -}}
{{- printf "/queues/%ss/%s" $kind (urlquery $name) -}}
{{- end -}}

{{/* The metrics-api trigger of one keda entry: the URL from this release's Service, the chart's TriggerAuthentication. */}}
{{- define "gqa.kedaTrigger" -}}
{{- $e := .entry -}}
- type: metrics-api
  metadata:
    url: {{ printf "%s%s" (include "gqa.serviceUrl" .root) (include "gqa.queuePath" .) | quote }}
    valueLocation: {{ $e.valueLocation | default .valueLocation | quote }}
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
