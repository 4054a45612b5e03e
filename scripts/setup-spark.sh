#!/usr/bin/env bash
# The Spark path's setup (issue 23, `--engine spark`), run only when that path is used or tested
# (mixmodeler's runSparkSql calls it; so does its test). Idempotent and fast when everything is in place:
#   1. Java 17+ (Spark 4 needs it): Debian's openjdk-17-jre-headless with apt, only when `java` is missing
#   2. the venv .venv-spark with PySpark from requirements-spark.txt (~520 MB), only when that file changed
#   3. with --connect: the Spark Connect client's packages too (requirements-spark-connect.txt, ~380 MB)
# MIXMODELER_SPARK_VENV puts the venv elsewhere. Remove it all with `rm -rf .venv-spark` (and
# `apt-get remove openjdk-17-jre-headless` if this script installed Java).
# Prints where the venv's python is as its last line on stdout; everything else goes to stderr.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${MIXMODELER_SPARK_VENV:-$ROOT/.venv-spark}"
STAMPS="$ROOT/.setup-stamps"
connect=0
for arg in "$@"; do
  case "$arg" in
    --connect) connect=1 ;;
    *) echo "[setup-spark] unknown argument $arg (expected --connect)" >&2; exit 2 ;;
  esac
done
mkdir -p "$STAMPS"
log() { echo "[setup-spark] $*" >&2; }

# One setup at a time: test files and CLI runs may start it together.
exec 9>"$STAMPS/spark.lock"
flock 9

# 1. Java.
if ! command -v java >/dev/null 2>&1; then
  log "installing Debian's openjdk-17-jre-headless with apt (Spark runs on the JVM)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >&2
fi
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
if [ "${java_major%%.*}" -lt 17 ] 2>/dev/null; then
  echo "[setup-spark] Spark 4 needs Java 17 or later; \`java\` here is $java_major (set PATH or JAVA_HOME to a Java 17+, e.g. Debian's openjdk-17-jre-headless)" >&2
  exit 1
fi

# 2-3. The venv, rebuilt when its requirements change. Its stamp (inside the venv, written only once pip
# succeeded) holds the requirements' fingerprints: `BASE` or `BASE+CONNECT`.
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "[setup-spark] pyspark 4.3 needs Python 3.11 or later; python3 here is $(python3 --version 2>&1)" >&2
  exit 1
}
fingerprint() { sha256sum "$ROOT/$1" | cut -c1-32; }
pip_install() {
  # (the grep drops pip's notes about find-links folders that some machines' pip config names but lacks)
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-cache-dir -r "$ROOT/$1" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2) >&2
}
base_fp=$(fingerprint requirements-spark.txt)
stamp=$(cat "$VENV/.mixmodeler-stamp" 2>/dev/null || true)
if [ ! -x "$VENV/bin/python" ] || [ "${stamp%%+*}" != "$base_fp" ]; then
  log "creating $VENV with PySpark from requirements-spark.txt (once: ~520 MB, under a minute)"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  pip_install requirements-spark.txt
  stamp=$base_fp
  echo "$stamp" >"$VENV/.mixmodeler-stamp"
fi
if [ "$connect" = 1 ]; then
  connect_fp=$(fingerprint requirements-spark-connect.txt)
  if [ "${stamp#*+}" != "$connect_fp" ]; then
    log "adding the Spark Connect client to $VENV from requirements-spark-connect.txt (once: ~380 MB)"
    pip_install requirements-spark-connect.txt
    echo "$base_fp+$connect_fp" >"$VENV/.mixmodeler-stamp"
  fi
fi
echo "$VENV/bin/python"
