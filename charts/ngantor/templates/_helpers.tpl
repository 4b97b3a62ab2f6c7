{{/* Names ------------------------------------------------------------- */}}

{{- define "ngantor.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "ngantor.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A component's resource name: ngantor-api, ngantor-worker, … (≤ 63). */}}
{{- define "ngantor.componentName" -}}
{{- printf "%s-%s" (include "ngantor.fullname" .root | trunc 50 | trimSuffix "-") .component -}}
{{- end -}}

{{- define "ngantor.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "ngantor.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ngantor.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end -}}

{{/* Call with (dict "root" $ "component" "api"); component may be "". */}}
{{- define "ngantor.labels" -}}
helm.sh/chart: {{ include "ngantor.chart" .root }}
{{ include "ngantor.selectorLabels" . }}
app.kubernetes.io/version: {{ include "ngantor.imageTag" .root | trunc 63 | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: ngantor
{{- end -}}

{{- define "ngantor.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "ngantor.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "ngantor.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag -}}
{{- end -}}

{{- define "ngantor.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (include "ngantor.imageTag" .) -}}
{{- end -}}
{{- end -}}

{{/* Graceful shutdown ------------------------------------------------------

The rule: terminationGracePeriodSeconds > preStop pause + shutdown timeout.

Kubernetes starts the grace period when it decides to stop the pod, BEFORE
the preStop hook runs. So the pod has, in order: the preStop pause (endpoint
removal propagates to Services, kube-proxy and Ingress controllers), then
SIGTERM and the process's own drain (NGANTOR_SHUTDOWN_TIMEOUT: HTTP
requests finish, asynq hands unfinished tasks back), then a margin for
closing pools and flushing telemetry. After the grace period SIGKILL ends
whatever is left, so the period is computed from those values here rather
than set by hand. Call with a component's values.
*/}}
{{- define "ngantor.grace" -}}
{{- add (int (default 0 .preStopSleepSeconds)) (int .shutdownTimeoutSeconds) (int .graceMarginSeconds) -}}
{{- end -}}

{{/* PostgreSQL -------------------------------------------------------------- */}}

{{/* postgres://h1:5432,h2:5432/name?sslmode=…&target_session_attrs=… with
no credentials: pgx reads PGUSER and PGPASSWORD from the environment. */}}
{{- define "ngantor.databaseURL" -}}
{{- $db := .Values.database -}}
{{- $hosts := list -}}
{{- range splitList "," $db.host -}}
{{- $h := trim . -}}
{{- if $h -}}
{{- if contains ":" $h -}}
{{- $hosts = append $hosts $h -}}
{{- else -}}
{{- $hosts = append $hosts (printf "%s:%d" $h (int $db.port)) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $q := list (printf "sslmode=%s" $db.sslmode) -}}
{{- with $db.targetSessionAttrs -}}
{{- $q = append $q (printf "target_session_attrs=%s" .) -}}
{{- end -}}
{{- range $k, $v := $db.params -}}
{{- $q = append $q (printf "%s=%s" $k (toString $v | urlquery)) -}}
{{- end -}}
{{- printf "postgres://%s/%s?%s" (join "," $hosts) $db.name (join "&" $q) -}}
{{- end -}}

{{/* Env for one database role: (dict "root" $ "role" "app"|"owner"). */}}
{{- define "ngantor.databaseEnv" -}}
{{- $r := index .root.Values.database .role -}}
{{- if $r.urlKey }}
- name: NGANTOR_DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ $r.existingSecret }}
      key: {{ $r.urlKey }}
{{- else }}
- name: PGUSER
  valueFrom:
    secretKeyRef:
      name: {{ $r.existingSecret }}
      key: {{ $r.usernameKey }}
- name: PGPASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $r.existingSecret }}
      key: {{ $r.passwordKey }}
- name: NGANTOR_DATABASE_URL
  value: {{ include "ngantor.databaseURL" .root | quote }}
{{- end }}
{{- end -}}

{{/* Redis ------------------------------------------------------------------- */}}

{{- define "ngantor.redisEnv" -}}
{{- $r := .Values.redis -}}
{{- if $r.urlKey }}
- name: NGANTOR_REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ $r.existingSecret }}
      key: {{ $r.urlKey }}
{{- else }}
{{- $auth := "" -}}
{{- if $r.existingSecret }}
{{- $auth = ":$(NGANTOR_REDIS_PASSWORD)@" }}
- name: NGANTOR_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $r.existingSecret }}
      key: {{ $r.passwordKey }}
{{- end }}
- name: NGANTOR_REDIS_URL
{{- if $r.sentinel.enabled }}
  value: {{ printf "redis-sentinel://%s%s/%d?master=%s" $auth (join "," $r.sentinel.addresses) (int $r.sentinel.db) $r.sentinel.masterName | quote }}
{{- else }}
{{- $u := urlParse $r.url }}
  value: {{ printf "%s://%s%s%s%s" $u.scheme $auth $u.host $u.path (ternary (printf "?%s" $u.query) "" (ne $u.query "")) | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Blob storage ------------------------------------------------------------ */}}

{{- define "ngantor.blobURL" -}}
{{- $b := .Values.blob -}}
{{- if eq $b.type "s3" -}}
{{- $q := list -}}
{{- with $b.s3.region }}{{ $q = append $q (printf "region=%s" (urlquery .)) }}{{ end -}}
{{- with $b.s3.endpoint }}{{ $q = append $q (printf "endpoint=%s" (urlquery .)) }}{{ end -}}
{{- if $b.s3.usePathStyle }}{{ $q = append $q "use_path_style=true" }}{{ end -}}
{{- range $k, $v := $b.s3.params }}{{ $q = append $q (printf "%s=%s" $k (toString $v | urlquery)) }}{{ end -}}
{{- printf "s3://%s" $b.s3.bucket -}}{{- if $q }}?{{ join "&" $q }}{{ end -}}
{{- else -}}
file:///var/lib/ngantor/blobs
{{- end -}}
{{- end -}}

{{- define "ngantor.blobClaimName" -}}
{{- default (printf "%s-blobs" (include "ngantor.fullname" .)) .Values.blob.pvc.existingClaim -}}
{{- end -}}

{{/* Shared pod pieces -------------------------------------------------------- */}}

{{/* Env every long-running container gets: (dict "root" $ "component" "api" "values" .Values.api). */}}
{{- define "ngantor.env" -}}
{{- $root := .root -}}
{{- $v := .values -}}
- name: K8S_POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: K8S_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: GOMEMLIMIT
  valueFrom:
    resourceFieldRef:
      resource: limits.memory
- name: NGANTOR_LOG_LEVEL
  value: {{ $root.Values.logLevel | quote }}
- name: NGANTOR_AUTHZ_POLL_INTERVAL
  value: {{ printf "%ds" (int (default 20 $root.Values.authzPollIntervalSeconds)) | quote }}
{{- with $root.Values.trustedProxies }}
- name: NGANTOR_TRUSTED_PROXIES
  value: {{ join "," . | quote }}
{{- end }}
- name: NGANTOR_SHUTDOWN_TIMEOUT
  value: {{ printf "%ds" (int $v.shutdownTimeoutSeconds) | quote }}
- name: NGANTOR_DATA_DIR
  value: /tmp/ngantor
- name: PGAPPNAME
  value: {{ printf "ngantor-%s" .component | quote }}
{{- include "ngantor.databaseEnv" (dict "root" $root "role" (default "app" .dbRole)) }}
{{- if ne (default "app" .dbRole) "owner" }}
- name: NGANTOR_DB_MAX_CONNS
  value: {{ $root.Values.database.maxConns | quote }}
- name: NGANTOR_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.secretKey.existingSecret }}
      key: {{ $root.Values.secretKey.key }}
{{- if $root.Values.smtp.existingSecret }}
- name: NGANTOR_SMTP_URL
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.smtp.existingSecret }}
      key: {{ $root.Values.smtp.urlKey }}
{{- end }}
{{- end }}
{{- include "ngantor.redisEnv" $root }}
- name: NGANTOR_BLOB_URL
  value: {{ include "ngantor.blobURL" $root | quote }}
{{- if and (eq $root.Values.blob.type "s3") $root.Values.blob.s3.existingSecret }}
- name: AWS_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.blob.s3.existingSecret }}
      key: {{ $root.Values.blob.s3.accessKeyIdKey }}
- name: AWS_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.blob.s3.existingSecret }}
      key: {{ $root.Values.blob.s3.secretAccessKeyKey }}
{{- end }}
- name: OTEL_SERVICE_NAME
  value: {{ printf "ngantor-%s" .component | quote }}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ printf "service.namespace=%s,service.instance.id=$(K8S_POD_NAME),k8s.namespace.name=$(K8S_NAMESPACE),k8s.pod.name=$(K8S_POD_NAME),deployment.environment.name=%s" $root.Release.Name $root.Values.environment | quote }}
{{- with $root.Values.telemetry.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
- name: OTEL_EXPORTER_OTLP_PROTOCOL
  value: http/protobuf
- name: OTEL_TRACES_SAMPLER
  value: parentbased_traceidratio
- name: OTEL_TRACES_SAMPLER_ARG
  value: {{ $root.Values.telemetry.traceSampleRatio | quote }}
{{- end }}
{{- if and $root.Values.telemetry.otlpEndpoint $root.Values.telemetry.otlpHeadersSecret }}
- name: OTEL_EXPORTER_OTLP_HEADERS
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.telemetry.otlpHeadersSecret }}
      key: {{ $root.Values.telemetry.otlpHeadersKey }}
{{- end }}
{{- with $root.Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- with $v.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "ngantor.podSecurity" -}}
automountServiceAccountToken: false
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Spread replicas over nodes and zones when the scheduler can. */}}
{{- define "ngantor.topologySpread" -}}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "ngantor.selectorLabels" . | nindent 8 }}
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "ngantor.selectorLabels" . | nindent 8 }}
{{- end -}}

{{- define "ngantor.volumes" -}}
volumes:
  - name: tmp
    emptyDir:
      sizeLimit: {{ .root.Values.tmpSizeLimit }}
{{- if and .blob (eq .root.Values.blob.type "pvc") }}
  - name: blobs
    persistentVolumeClaim:
      claimName: {{ include "ngantor.blobClaimName" .root }}
{{- end }}
{{- end -}}

{{- define "ngantor.volumeMounts" -}}
volumeMounts:
  - name: tmp
    mountPath: /tmp
{{- if and .blob (eq .root.Values.blob.type "pvc") }}
  - name: blobs
    mountPath: /var/lib/ngantor/blobs
{{- end }}
{{- end -}}

{{- define "ngantor.podAnnotations" -}}
{{- $a := merge (dict) (default (dict) .values.podAnnotations) (default (dict) .root.Values.podAnnotations) -}}
{{- with $a }}{{ toYaml . }}{{ end -}}
{{- end -}}
