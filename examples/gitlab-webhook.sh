#!/usr/bin/env bash
# Adds a project webhook that pushes job events to the adapter (for a group: /groups/:id/hooks, Premium and up).
# The same secret goes to the adapter as ADAPTER_WEBHOOK_SECRET.
set -euo pipefail
: "${GITLAB_URL:?}" "${GITLAB_ADMIN_TOKEN:?a token with the api scope and Maintainer on the project}" "${WEBHOOK_SECRET:?}"
project="platform%2Fapi"
curl --fail --silent --show-error --request POST \
  --header "PRIVATE-TOKEN: ${GITLAB_ADMIN_TOKEN}" \
  --data-urlencode "url=https://gitlab-queue-adapter.internal.example.com/webhooks/gitlab" \
  --data-urlencode "token=${WEBHOOK_SECRET}" \
  --data "job_events=true&push_events=false&enable_ssl_verification=true" \
  "${GITLAB_URL}/api/v4/projects/${project}/hooks"
