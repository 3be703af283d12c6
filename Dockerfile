# The meshwarden image: one layout for the watcher, reconciler, alerting and analyze roles. The
# first argument picks the role (the Deployments in deploy/base pass args: ["watcher"] and so on).
#   docker build -t ghcr.io/meshwarden/meshwarden:0.1.0 .
# See docs/deploy.md. DockerfileTest (watcher) and ImageLayoutIT (sandbox) check this file and
# the layout it installs.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# POMs first: the dependency layer below is rebuilt only when a POM changes. Every module's POM
# is needed because the root POM lists them all.
COPY pom.xml ./
COPY testkit/pom.xml testkit/
COPY common/pom.xml common/
COPY watcher/pom.xml watcher/
COPY reconciler/pom.xml reconciler/
COPY alerting/pom.xml alerting/
COPY sandbox/pom.xml sandbox/
# Resolves third-party dependencies and plugins; the reactor's own modules are not resolved
# (excludeReactor). A plugin that loads more at run time (surefire providers) fetches it below.
RUN mvn -B -q -pl watcher,reconciler,alerting -am dependency:go-offline -DexcludeReactor=true
COPY . .
# The reconciler module carries the analyze role; sandbox is not in the image.
RUN mvn -B -q -DskipTests -Dspotless.check.skip=true -pl watcher,reconciler,alerting -am package \
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
