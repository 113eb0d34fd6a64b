#!/usr/bin/env bash
# Azure Container Apps event-driven job: one execution = one runner for one job. It reads `total` of the adapter's
# pool `docker` (pending jobs its runners may take + jobs running on them); ACA subtracts running executions, like a
# KEDA ScaledJob with the default strategy (a job's scale settings have no other). Of a pool with capacity keys and
# capacity-per-runner 1, `desired` adds the idle runners its policies keep. ACA's KEDA has no `timeout` key.
#
#   ADAPTER_API_KEY=... RUNNER_TOKEN=glrt-... examples/aca-job.sh
#
# The two secrets go into the job's secrets; the token reaches gitlab-runner as CI_SERVER_TOKEN, a secret reference
# in its environment (run-single reads CI_SERVER_URL, CI_SERVER_TOKEN and RUNNER_EXECUTOR), never on a command line.
# Each execution takes one job and exits (--max-builds 1), or exits after 120 s without one (--wait-timeout 120).
# az reads a value starting with "-" as one of its own flags (Azure/azure-cli#27011), so the runner's flags travel
# in one argument to GNU env -S, which splits it (the image's Ubuntu flavour has GNU env).
set -euo pipefail
: "${ADAPTER_API_KEY:?one of the adapter's API keys (the chart's Secret, key api-key)}"
: "${RUNNER_TOKEN:?a runner authentication token (glrt-...) of a runner tagged docker}"
az containerapp job create -n gitlab-runner-job -g my-rg --environment my-env \
  --trigger-type Event --replica-timeout 3600 --replica-retry-limit 0 \
  --replica-completion-count 1 --parallelism 1 \
  --min-executions 0 --max-executions 10 --polling-interval 15 \
  --image gitlab/gitlab-runner:latest --cpu 1 --memory 2Gi \
  --secrets "adapter-api-key=${ADAPTER_API_KEY}" "runner-token=${RUNNER_TOKEN}" \
  --env-vars "CI_SERVER_URL=https://gitlab.example.com" "CI_SERVER_TOKEN=secretref:runner-token" "RUNNER_EXECUTOR=shell" \
  --command "env" \
  --args "-S gitlab-runner run-single --max-builds 1 --wait-timeout 120" \
  --scale-rule-name gitlab-queue --scale-rule-type metrics-api \
  --scale-rule-metadata "url=https://gitlab-queue-adapter.internal.example.com/queues/pools/docker" "valueLocation=total" "targetValue=1" "authMode=apiKey" \
  --scale-rule-auth "apiKey=adapter-api-key"
