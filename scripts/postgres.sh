#!/usr/bin/env bash
# Local PostgreSQL for development and tests, in <repo>/.data/postgres, on loopback only.
# Installs the Debian `postgresql` package when no server binaries are present.
# As root the server runs as the `postgres` user; when that user cannot enter the checkout (one under a
# root home of mode 700, say) the cluster lives in its home instead: ~postgres/ticketing-<checkout hash>.
#
#   bash scripts/postgres.sh start|stop|status|url
#
# Env: PG_PORT (5433: not 5432, where a distro cluster may already listen), PG_DATA_DIR (must be
#      reachable by the server's user), PG_USER / PG_PASSWORD / PG_DB (ticketing / ticketing /
#      ticketing: a dev-only password).
# `start` prints the connection URL as its last line, so callers can `url=$(... | tail -n1)`.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$SCRIPT_DIR")"
PG_PORT="${PG_PORT:-5433}"
PG_USER="${PG_USER:-ticketing}"
PG_PASSWORD="${PG_PASSWORD:-ticketing}"
PG_DB="${PG_DB:-ticketing}"

die() { echo "postgres.sh: $*" >&2; exit 1; }
log() { echo "postgres.sh: $*" >&2; }   # stderr, so stdout stays just the URL

# Whether the server's OS user can enter a directory (every parent must let it through, so a
# checkout under /root, mode 700, does not). Only root hands the server to another user.
server_can_enter() {
  [[ "$(id -u)" -ne 0 ]] || runuser -u postgres -- test -x "$1" 2>/dev/null
}

# Sets PG_DATA_DIR (the socket and log), CLUSTER (PGDATA proper) and LOG_FILE. Needs the `postgres`
# user when run as root, so it runs after the install.
resolve_data_dir() {
  if [[ -n "${PG_DATA_DIR:-}" ]]; then
    local parent
    parent="$(dirname "$PG_DATA_DIR")"
    mkdir -p "$parent"
    server_can_enter "$parent" || die "the postgres user cannot enter $parent (a parent directory is closed to it).
Set PG_DATA_DIR to a directory it can reach, e.g. PG_DATA_DIR=~postgres/ticketing, or unset it to let this script choose."
  else
    PG_DATA_DIR="$REPO_DIR/.data/postgres"
    mkdir -p "$REPO_DIR/.data"
    if ! server_can_enter "$REPO_DIR/.data"; then
      # One cluster per checkout, in a directory only root and postgres can write to (not /tmp: a
      # predictable name there could be taken first by another user).
      local home
      home="$(getent passwd postgres | cut -d: -f6)"
      [[ -n "$home" && -d "$home" ]] || die "the postgres user cannot enter $REPO_DIR/.data and has no home directory.
Set PG_DATA_DIR to a directory it can reach, or move the checkout (e.g. under /srv or /opt)."
      PG_DATA_DIR="$home/ticketing-$(printf '%s' "$REPO_DIR" | sha256sum | cut -c1-12)"
      DATA_DIR_MOVED=1
    fi
  fi
  CLUSTER="$PG_DATA_DIR/cluster"
  LOG_FILE="$PG_DATA_DIR/postgres.log"
}

url() { echo "postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"; }

# Newest installed server version's bin dir (Debian keeps them in /usr/lib/postgresql/<ver>/bin).
find_bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  [[ -n "$dir" && -x "$dir/initdb" ]] && echo "$dir"
}

ensure_installed() {
  BIN="$(find_bindir || true)"
  [[ -n "$BIN" ]] && return 0
  if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null; then
    die "PostgreSQL server is not installed and apt-get is not usable here (need root on Debian/Ubuntu).
Install it yourself (e.g. 'apt-get install postgresql') or set DATABASE_URL_TEST to an existing server."
  fi
  log "installing PostgreSQL from Debian packages ..."
  # Debian's postinst may create and start a 'main' cluster on 5432; ours does not depend on it.
  apt-get update -qq || die "apt-get update failed: no package mirror reachable?"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null ||
    die "apt-get install postgresql failed"
  BIN="$(find_bindir || true)"
  [[ -n "$BIN" ]] || die "postgresql installed but no initdb found under /usr/lib/postgresql"
}

# The server refuses to run as root, so as root everything runs as the `postgres` OS user
# (created by the Debian package); as any other user it runs as that user.
as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_cluster() {
  [[ -f "$CLUSTER/PG_VERSION" ]] && return 0
  log "initialising a cluster in $CLUSTER"
  mkdir -p "$PG_DATA_DIR"
  if [[ "$(id -u)" -eq 0 ]]; then chown postgres:postgres "$PG_DATA_DIR"; fi
  # Socket connections (only reachable by the owner: the socket sits in a 0700 dir) use peer
  # auth; TCP on loopback needs the role's password.
  as_owner "$BIN/initdb" -D "$CLUSTER" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$PG_DATA_DIR/initdb.log" 2>&1 ||
    { tail -n 20 "$PG_DATA_DIR/initdb.log" >&2; die "initdb failed"; }
  chmod 700 "$PG_DATA_DIR"
}

running() { [[ -n "${BIN:-}" && -f "$CLUSTER/PG_VERSION" ]] && as_owner "$BIN/pg_ctl" -D "$CLUSTER" status >/dev/null 2>&1; }

psql_admin() {
  as_owner "$BIN/psql" -h "$PG_DATA_DIR" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
}

# Role (allowed to create databases: the tests make one per test file) and database, once.
ensure_role_and_db() {
  local pw="${PG_PASSWORD//\'/\'\'}"
  psql_admin -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER') THEN
        CREATE ROLE \"$PG_USER\" LOGIN CREATEDB PASSWORD '$pw';
      END IF;
      -- The tests drop their databases WITH (FORCE); an autovacuum worker visiting one carries no
      -- role, and only pg_signal_backend lets a non-superuser terminate it (PostgreSQL 15, 16).
      IF NOT pg_has_role('$PG_USER', 'pg_signal_backend', 'MEMBER') THEN
        GRANT pg_signal_backend TO \"$PG_USER\";
      END IF; END \$\$;" >/dev/null
  if [[ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" ]]; then
    psql_admin -c "CREATE DATABASE \"$PG_DB\" OWNER \"$PG_USER\"" >/dev/null
  fi
}

start() {
  ensure_installed
  resolve_data_dir
  if [[ -n "${DATA_DIR_MOVED:-}" ]]; then
    log "the postgres user cannot enter $REPO_DIR/.data (a directory on the way is closed to it): data in $PG_DATA_DIR"
  fi
  ensure_cluster
  if running; then
    log "already running on 127.0.0.1:$PG_PORT"
  else
    if ss -ltn 2>/dev/null | grep -q "127.0.0.1:$PG_PORT "; then
      die "port $PG_PORT is taken by another process; set PG_PORT"
    fi
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT (log: $LOG_FILE)"
    # Options on the command line rather than in postgresql.conf, so a changed PG_PORT applies.
    as_owner "$BIN/pg_ctl" -D "$CLUSTER" -l "$LOG_FILE" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories='$PG_DATA_DIR'" \
      start >/dev/null || { tail -n 30 "$LOG_FILE" >&2; die "server did not start"; }
  fi
  local i
  for i in $(seq 1 30); do
    "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
    [[ "$i" -eq 30 ]] && die "server not ready after 30 s (see $LOG_FILE)"
    sleep 1
  done
  ensure_role_and_db
  url
}

stop() {
  BIN="$(find_bindir || true)"
  [[ -n "$BIN" ]] || { log "not running"; return 0; }
  resolve_data_dir
  if running; then
    as_owner "$BIN/pg_ctl" -D "$CLUSTER" -m fast -w stop >/dev/null
    log "stopped"
  else
    log "not running"
  fi
}

status() {
  BIN="$(find_bindir || true)"
  [[ -n "$BIN" ]] || { echo "not running (not installed)"; return 3; }
  resolve_data_dir
  if running; then
    echo "running on 127.0.0.1:$PG_PORT, data in $CLUSTER"
  else
    echo "not running"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) url ;;
  *) die "usage: $0 start|stop|status|url" ;;
esac
