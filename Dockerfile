# syntax=docker/dockerfile:1
# The meshwarden image: one layout for the watcher, reconciler, executor, alerting and analyze roles. The
# first argument picks the role (the Deployments in deploy/base pass args: ["watcher"] and so on).
#   docker build -t ghcr.io/meshwarden/meshwarden:0.1.0 .
# See docs/deploy.md. DockerfileTest (watcher) and ImageLayoutIT (sandbox) check this file and
# the layout it installs.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The Maven repository is a BuildKit cache mount, kept between builds: a rebuild after a source
# change downloads nothing. (A go-offline layer would need the reactor's own modules, which are not
# published, and pulls plugins the package build never runs.)
# Every role but the sandbox is in the image.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -Dspotless.check.skip=true -pl watcher,reconciler,executor,analyze,alerting -am package \
 && deploy/docker/stage.sh /src /out

FROM eclipse-temurin:17-jre
# The launcher in an installed layout never builds; MW_NO_BUILD says so explicitly.
ENV MW_NO_BUILD=1 \
    HOME=/tmp
COPY --from=build --chown=0:0 /out /opt/meshwarden
WORKDIR /opt/meshwarden
# Numeric, so that runAsNonRoot can verify it; the Deployments set runAsUser 65532 as well.
# The files stay owned by root: the process cannot change them, and the root filesystem is
# read-only in the cluster anyway (/tmp and the reconciler's state dir are volumes).
USER 65532:65532
ENTRYPOINT ["/opt/meshwarden/meshwarden"]
CMD ["--help"]
