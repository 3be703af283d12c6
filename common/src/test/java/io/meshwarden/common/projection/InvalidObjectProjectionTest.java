package io.meshwarden.common.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.meshwarden.common.protocol.ObjectRef;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed objects give an Invalid result that names the field; they never throw. */
class InvalidObjectProjectionTest {

  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web-1
        namespace: shop
      """;

  static Stream<Arguments> malformedObjects() {
    return Stream.of(
        Arguments.of("no kind", "apiVersion: v1\nmetadata: {name: a}", "kind", "missing"),
        Arguments.of("no apiVersion", "kind: Pod\nmetadata: {name: a}", "apiVersion", "missing"),
        Arguments.of("kind a list", "kind: [Pod]\napiVersion: v1", "kind", "expected a string"),
        Arguments.of("no metadata", "kind: Pod\napiVersion: v1", "metadata", "missing"),
        Arguments.of(
            "metadata a list", "kind: Pod\napiVersion: v1\nmetadata: [a]", "metadata", "a list"),
        Arguments.of(
            "no name",
            "kind: Pod\napiVersion: v1\nmetadata: {namespace: shop}",
            "metadata.name",
            "missing"),
        Arguments.of(
            "empty name",
            "kind: Service\napiVersion: v1\nmetadata: {name: ''}",
            "metadata.name",
            "missing"),
        Arguments.of(
            "label value an object",
            POD.replace("  name: web-1", "  name: web-1\n  labels: {app: {x: hunter2}}"),
            "metadata.labels.app",
            "expected a string"),
        Arguments.of(
            "bad creationTimestamp",
            POD + "  creationTimestamp: yesterday\n",
            "metadata.creationTimestamp",
            "RFC 3339"),
        Arguments.of(
            "controller owner without name",
            POD + "  ownerReferences: [{kind: ReplicaSet, controller: true, uid: u}]\n",
            "metadata.ownerReferences[0].name",
            "missing"),
        Arguments.of(
            "containers an object",
            POD + "spec: {containers: {name: web}}\n",
            "spec.containers",
            "expected a list"),
        Arguments.of(
            "containerPort text",
            POD
                + "spec:\n  containers:\n  - {name: a}\n  - name: web\n"
                + "    ports: [{containerPort: http}]\n",
            "spec.containers[1].ports[0].containerPort",
            "expected an integer"),
        Arguments.of(
            "init container without name",
            POD + "spec: {initContainers: [{image: busybox}]}\n",
            "spec.initContainers[0].name",
            "missing"),
        Arguments.of(
            "probe without handler",
            POD + "spec: {containers: [{name: web, readinessProbe: {periodSeconds: 5}}]}\n",
            "spec.containers[0].readinessProbe",
            "none of httpGet"),
        Arguments.of(
            "probe port a list",
            POD + "spec: {containers: [{name: web, livenessProbe: {httpGet: {port: [1]}}}]}\n",
            "spec.containers[0].livenessProbe.httpGet.port",
            "integer or a string"),
        Arguments.of(
            "hostNetwork text",
            POD + "spec: {hostNetwork: 'yes'}\n",
            "spec.hostNetwork",
            "true or false"),
        Arguments.of(
            "pod runAsUser text",
            POD + "spec: {securityContext: {runAsUser: root}}\n",
            "spec.securityContext.runAsUser",
            "expected an integer"),
        Arguments.of(
            "restartCount text",
            POD + "status: {containerStatuses: [{name: web, restartCount: many}]}\n",
            "status.containerStatuses[0].restartCount",
            "expected an integer"),
        Arguments.of(
            "waiting state a string",
            POD + "status: {containerStatuses: [{name: web, state: {waiting: soon}}]}\n",
            "status.containerStatuses[0].state.waiting",
            "expected an object"),
        Arguments.of(
            "deployment without template",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n"
                + "spec: {selector: {matchLabels: {app: web}}}\n",
            "spec.template",
            "missing"),
        Arguments.of(
            "template container port text",
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  template:\n"
                + "    spec: {containers: [{name: db, ports: [{containerPort: '5432'}]}]}\n",
            "spec.template.spec.containers[0].ports[0].containerPort",
            "expected an integer"),
        Arguments.of(
            "selector expression without operator",
            "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n"
                + "  selector: {matchExpressions: [{key: app}]}\n  template: {}\n",
            "spec.selector.matchExpressions[0].operator",
            "missing"),
        Arguments.of(
            "service port without number",
            "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{name: http}]}\n",
            "spec.ports[0].port",
            "missing"),
        Arguments.of(
            "service port out of int range",
            "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
                + "spec: {ports: [{port: 99999999999}]}\n",
            "spec.ports[0].port",
            "expected an integer"),
        Arguments.of(
            "istio spec a list",
            "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw}\nspec: [a]\n",
            "spec",
            "expected an object"),
        Arguments.of(
            "webhook service name an object",
            "apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingWebhookConfiguration\n"
                + "metadata: {name: istio-sidecar-injector, labels: {istio.io/rev: default}}\n"
                + "webhooks: [{name: w, clientConfig: {service: {name: {a: b}}}}]\n",
            "webhooks[0].clientConfig.service.name",
            "expected a string"),
        Arguments.of(
            "pdb status text",
            "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\n"
                + "status: {disruptionsAllowed: one}\n",
            "status.disruptionsAllowed",
            "expected an integer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedObjects")
  void reportsTheOffendingFieldWithoutItsValue(
      String description, String yaml, String field, String reason) {
    Projection p = Fixtures.projector().project(Fixtures.yaml(yaml));

    assertThat(p).isInstanceOf(Projection.Invalid.class);
    Projection.Invalid invalid = (Projection.Invalid) p;
    assertThat(invalid.field()).isEqualTo(field);
    assertThat(invalid.reason()).contains(reason);
    assertThat(invalid.message()).contains(field).doesNotContain("hunter2");
    assertThat(p.facts()).isEmpty();
  }

  static Stream<Arguments> notObjects() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return Stream.of(
        Arguments.of("null", null, "nothing"),
        Arguments.of("a string", f.textNode("kind: Pod"), "a string"),
        Arguments.of("a list", f.arrayNode().add(f.objectNode()), "a list"),
        Arguments.of("a number", f.numberNode(7), "a number"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notObjects")
  void reportsInputThatIsNotAnObjectAtAll(String description, JsonNode input, String got) {
    Projection p = Fixtures.projector().project(input);

    assertThat(p).isInstanceOf(Projection.Invalid.class);
    assertThat(((Projection.Invalid) p).reason()).endsWith(got);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedObjects")
  void namesTheObjectAsFarAsItCanBeRead(
      String description, String yaml, String field, String reason) {
    JsonNode object = Fixtures.yaml(yaml);
    String kind = object.path("kind").isTextual() ? object.path("kind").textValue() : "object";

    Projection.Invalid invalid = (Projection.Invalid) Fixtures.projector().project(object);

    assertThat(invalid.object()).startsWith(kind + " ");
  }

  static Stream<Arguments> subjects() {
    return Stream.of(
        Arguments.of(
            "namespaced, namespace written",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: web-1, namespace: shop}\n"
                + "spec: {containers: [{image: web}]}\n",
            new ObjectRef("Pod", "shop", "web-1", null)),
        Arguments.of(
            "namespaced, namespace defaulted",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {}\n",
            new ObjectRef("Deployment", "default", "web", null)),
        Arguments.of(
            "cluster-scoped",
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {app: [a]}}\n",
            new ObjectRef("Namespace", "", "shop", null)),
        Arguments.of(
            "no name",
            "apiVersion: v1\nkind: Service\nmetadata: {namespace: shop}\n",
            new ObjectRef("Service", "shop", "<unnamed>", null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("subjects")
  void namesTheSubjectAFindingWouldCarry(String description, String yaml, ObjectRef expected) {
    Projection.Invalid invalid =
        (Projection.Invalid) Fixtures.projector().project(Fixtures.yaml(yaml));

    assertThat(invalid.subject()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notObjects")
  void namesNoSubjectWithoutAKind(String description, JsonNode input, String got) {
    assertThat(((Projection.Invalid) Fixtures.projector().project(input)).subject()).isNull();
  }
}
