#!/usr/bin/env bash
# Install the real servers (PostgreSQL, Redis, nginx) and the browser the tests use (Debian packages), when they are missing.
# The tests start throwaway instances themselves; this script only makes the binaries available.
# Without root or apt-get it says why and exits 0: the PostgreSQL tests then skip with that
# reason printed, and the browser tests fail saying what to install (they are not optional).
set -uo pipefail

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# The scaled profile (make run-scaled, make soak, tests/scaled): Redis and nginx.
[ -x /usr/bin/redis-server ] || need+=(redis-server)
[ -x /usr/sbin/nginx ] || need+=(nginx-light)
# Headless Chromium and its driver for tests/browser (Selenium); a Korean font so the
# widget screenshots in docs/screenshots show Hangul rather than empty boxes.
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
[ -d /usr/share/fonts/truetype/nanum ] || need+=(fonts-nanum)

[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "test-services: cannot install ${need[*]} (needs root and apt-get); tests that need them skip or fail" >&2
  exit 0
fi
echo "test-services: installing ${need[*]} from Debian packages"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
  || echo "test-services: apt-get install ${need[*]} failed; tests that need them skip or fail" >&2
# Debian's package starts a cluster of its own; the tests use private ones.
command -v pg_ctlcluster >/dev/null 2>&1 && pg_lsclusters -h 2>/dev/null | while read -r ver name _; do
  pg_ctlcluster "$ver" "$name" stop 2>/dev/null || true
done
# Likewise the system-wide Redis and nginx the packages may have started (no init system
# here usually; where there is one, the scaled profile uses its own ports anyway).
for svc in redis-server nginx; do
  command -v service >/dev/null 2>&1 && service "$svc" stop >/dev/null 2>&1 || true
done
exit 0
