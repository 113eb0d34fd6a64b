{{- define "gqa.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "gqa.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
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
{{- if kindIs "float64" . -}}{{- $items = append $items (int64 . | toString) -}}{{- else -}}{{- $items = append $items (toString .) -}}{{- end -}}
{{- end -}}
{{- join "," $items -}}
{{- end -}}
