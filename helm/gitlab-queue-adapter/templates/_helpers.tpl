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
