#!/usr/bin/env bash
# Azure Container Apps event-driven job: one execution = one runner for one job. It reads `total` of the pool
# `docker`; ACA subtracts running executions, like a KEDA ScaledJob. ACA's KEDA has no `timeout` key.
set -euo pipefail
az containerapp job create -n gitlab-runner-job -g my-rg --environment my-env \
  --trigger-type Event --replica-timeout 3600 \
  --min-executions 0 --max-executions 10 --polling-interval 15 \
  --image gitlab/gitlab-runner:alpine \
  --secrets "adapter-api-key=replace-with-one-of-adapter.auth.api-keys" "runner-token=replace-with-a-runner-token" \
  --env-vars "RUNNER_TOKEN=secretref:runner-token" \
  --command "gitlab-runner" \
  --args "run-single" "--url=https://gitlab.example.com" "--token=\$RUNNER_TOKEN" "--executor=shell" "--max-builds=1" "--wait-timeout=120" \
  --scale-rule-name gitlab-queue --scale-rule-type metrics-api \
  --scale-rule-metadata "url=https://gitlab-queue-adapter.internal.example.com/queues/pools/docker" "valueLocation=total" "targetValue=1" "authMode=apiKey" \
  --scale-rule-auth "apiKey=adapter-api-key"
