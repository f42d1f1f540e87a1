#!/bin/bash
# InfluxDB's retention on the metrics node: the database's default policy ("autogen", which every agent
# writes to through FPT_OUT and every Grafana panel reads) keeps FPT_INFLUXDB_RETENTION of metrics in
# shards of FPT_INFLUXDB_SHARD_DURATION, and InfluxDB drops a shard whole once all of it is older. Without
# this, autogen keeps everything forever and the volume grows until the disk is full.
#
# Mounted into the influxdb accessory at /docker-entrypoint-initdb.d/fpt-retention.sh
# (config/deploy.near-a.yml, which also sets the two durations) and run in two ways:
# - on the first start of an empty volume, the image's init script sources every *.sh there, once the
#   database and its users exist;
# - on a volume that already has data, and after the durations change, the deploy workflow runs
#   `kamal accessory exec influxdb --reuse "bash /docker-entrypoint-initdb.d/fpt-retention.sh"` after
#   booting or rebooting the accessories.
# Being sourced, it never calls `exit` nor changes the shell's options; a failure is its last command's
# status, which stops the init script (set -e) or fails the workflow step. Idempotent.
# tools/test/deploy/influxdb-retention.test.ts runs it against a real InfluxDB.

fpt_influx() {
  influx -host 127.0.0.1 -port "${INFLUXDB_INIT_PORT:-8086}" \
    -username "${INFLUXDB_ADMIN_USER:?}" -password "${INFLUXDB_ADMIN_PASSWORD:?}" -execute "$1"
}

fpt_apply_retention() {
  local database="${INFLUXDB_DB:?INFLUXDB_DB names the database}"
  local keep="${FPT_INFLUXDB_RETENTION:?FPT_INFLUXDB_RETENTION is not set (config/deploy.near-a.yml)}"
  local shard="${FPT_INFLUXDB_SHARD_DURATION:?FPT_INFLUXDB_SHARD_DURATION is not set (config/deploy.near-a.yml)}"
  # After a reboot InfluxDB takes a few seconds to answer; during the init it already does.
  local attempt
  for attempt in $(seq 1 60); do
    fpt_influx 'SHOW DATABASES' > /dev/null 2>&1 && break
    [ "$attempt" = 60 ] && { echo "fpt-retention: InfluxDB did not answer within 60 s" >&2; return 1; }
    sleep 1
  done
  fpt_influx "ALTER RETENTION POLICY \"autogen\" ON \"${database}\" DURATION ${keep} SHARD DURATION ${shard} DEFAULT" ||
    { echo "fpt-retention: could not set the retention of ${database} (see above)" >&2; return 1; }
  echo "fpt-retention: ${database} keeps ${keep} of metrics (policy autogen, shards of ${shard})"
}

fpt_apply_retention
