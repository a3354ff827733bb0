#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 for the tests and prints its URL on the last line.
# Usage: scripts/start-postgres.sh <folder> [port]
# Installs the server from Debian if it is missing. initdb refuses to run as root, so the server runs as the
# postgres user, with its socket inside the cluster's own folder and TCP on 127.0.0.1 only.
set -euo pipefail
dir=${1:?folder for the cluster}
port=${2:-55432}
bin=/usr/lib/postgresql/15/bin
if [[ ! -x $bin/initdb ]]; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi
rm -rf "$dir"
mkdir -p "$dir"
chown postgres:postgres "$dir"
runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >/dev/null
runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-k $dir -c listen_addresses=127.0.0.1 -p $port -c fsync=off -c max_connections=1000" start >/dev/null
runuser -u postgres -- "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres alongside_test
echo "postgres://postgres@127.0.0.1:$port/alongside_test?sslmode=disable"
