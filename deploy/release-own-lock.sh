#!/usr/bin/env bash
# Usage: deploy/release-own-lock.sh <destination> <holder pattern> [--refuse-others]
#
# Releases the destination's Kamal deploy lock only when the holder matches the pattern (a bash glob over
# the "Locked by:" name, which Kamal takes from `git config user.name`). The "Deploy agents" workflow signs
# its locks with its own name and run id, and uses this to clear the lock a cancelled or timed-out run of
# itself left behind (Kamal releases its lock itself after an ordinary failure), never a lock someone took
# by hand with `kamal lock acquire -m ...` to keep deploys out during maintenance.
# With --refuse-others, a lock held by anyone else fails (exit 1) with who holds it and why; without it,
# that lock is left alone and the exit is 0. No lock: exit 0.
# tools/test/deploy/deploy-workflow.test.ts runs this with a stand-in kamal.
set -euo pipefail

destination="${1:?usage: release-own-lock.sh <destination> <holder pattern> [--refuse-others]}"
pattern="${2:?usage: release-own-lock.sh <destination> <holder pattern> [--refuse-others]}"
refuse_others="${3:-}"

status="$(kamal lock status -d "$destination")"
holder_line="$(printf '%s\n' "$status" | grep -m1 '^Locked by: ' || true)"
if [ -z "$holder_line" ]; then
  echo "${destination}: no deploy lock"
  exit 0
fi
# "Locked by: <name> at <UTC time>"
holder="${holder_line#Locked by: }"
holder="${holder% at *}"

# shellcheck disable=SC2053 # the pattern is a glob on purpose
if [[ "$holder" == $pattern ]]; then
  echo "${destination}: releasing the deploy lock left by ${holder}"
  kamal lock release -d "$destination"
  exit 0
fi

echo "${destination}: the deploy lock is held by ${holder}, not by this workflow; leaving it in place:"
printf '%s\n' "$status" | grep -E '^(Locked by|Version|Message): ' | sed 's/^/  /'
if [ "$refuse_others" = --refuse-others ]; then
  echo "::error::${destination} is locked by ${holder}. Once their work is done: kamal lock release -d ${destination}"
  exit 1
fi
