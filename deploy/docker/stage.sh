#!/usr/bin/env bash
# Stages the runtime layout of the container image from a built source tree:
#   deploy/docker/stage.sh <repo-root> <out-dir>
# After `mvn -DskipTests -pl watcher,reconciler,executor,analyze,alerting -am package`, <out-dir> holds
#   meshwarden                     the launcher (no pom.xml beside it: it never builds)
#   <module>/meshwarden-<module>-<version>.jar
#   <module>/lib/*.jar             the module's runtime classpath (maven-dependency-plugin)
# for each module below. The Dockerfile copies <out-dir> to /opt/meshwarden; ImageLayoutIT runs
# the same script and starts every role from the result.
set -euo pipefail

# The modules the image carries (the Dockerfile's -pl list must name the same; DockerfileTest
# checks). The roles of each module stay in the launcher's table.
MODULES=(watcher reconciler executor analyze alerting)

[[ $# -eq 2 ]] || { echo "usage: $0 <repo-root> <out-dir>" >&2; exit 2; }
root="$(cd "$1" && pwd)"
out="$2"

mkdir -p "$out"
install -m 0755 "$root/meshwarden" "$out/meshwarden"
for module in "${MODULES[@]}"; do
  target="$root/$module/target"
  jar="$(ls "$target"/meshwarden-"$module"-*.jar 2>/dev/null | grep -v -E -- '-(sources|tests)\.jar$' | head -1 || true)"
  if [[ -z "$jar" || ! -d "$target/lib" ]]; then
    echo "stage: $module is not packaged (no jar or no lib/ in $target); run mvn package first" >&2
    exit 1
  fi
  rm -rf "${out:?}/$module"
  mkdir -p "$out/$module/lib"
  cp "$jar" "$out/$module/"
  cp "$target"/lib/*.jar "$out/$module/lib/"
done
