package io.meshwarden.testkit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RbacTest {

  private static final HasMetadata READ_PODS =
      new ClusterRoleBuilder()
          .withNewMetadata()
          .withName("read-pods")
          .endMetadata()
          .addNewRule()
          .withApiGroups("")
          .withResources("pods")
          .withVerbs("list")
          .endRule()
          .build();
  private static final HasMetadata READ_CONFIGMAPS =
      new RoleBuilder()
          .withNewMetadata()
          .withName("read-configmaps")
          .withNamespace("istio-system")
          .endMetadata()
          .addNewRule()
          .withApiGroups("")
          .withResources("configmaps")
          .withVerbs("list")
          .endRule()
          .build();

  /** A subject naming service account app/web, a near miss beside each way of naming it. */
  @ParameterizedTest
  @CsvSource({
    "ServiceAccount, web,                          app,   true",
    "ServiceAccount, web,                          other, false",
    "ServiceAccount, api,                          app,   false",
    "User,           system:serviceaccount:app:web,,      true",
    "User,           system:serviceaccount:app:api,,      false",
    "Group,          system:serviceaccounts:app,   ,      true",
    "Group,          system:serviceaccounts:other, ,      false",
    "Group,          system:serviceaccounts,       ,      true",
    "Group,          system:authenticated,         ,      false",
  })
  void aBindingCountsForTheAccountWhateverWayItsSubjectNamesIt(
      String kind, String name, String namespace, boolean bound) {
    Subject subject =
        new SubjectBuilder().withKind(kind).withName(name).withNamespace(namespace).build();
    List<HasMetadata> objects = List.of(READ_PODS, clusterBinding("b", "read-pods", subject));

    assertThat(Rbac.bindingsOf(objects, "app", "web"))
        .isEqualTo(bound ? List.of("ClusterRoleBinding b") : List.of());
    assertThat(Rbac.forServiceAccount(objects, "app", "web").grants()).hasSize(bound ? 1 : 0);
  }

  @Test
  void bindingsOfNamesABindingToARoleTheObjectsDoNotHold() {
    Subject web = account("app", "web");
    List<HasMetadata> objects =
        List.of(clusterBinding("to-view", "view", web), binding("istio-system", "rb", "x", web));

    assertThat(Rbac.bindingsOf(objects, "app", "web"))
        .containsExactly("ClusterRoleBinding to-view", "RoleBinding istio-system/rb");
  }

  @Test
  void aRoleBindingGrantsOnlyInItsNamespaceAndAClusterRoleBindingEverywhere() {
    Subject web = account("app", "web");
    Rbac rbac =
        Rbac.forServiceAccount(
            List.of(
                READ_PODS,
                READ_CONFIGMAPS,
                clusterBinding("pods", "read-pods", web),
                binding("istio-system", "cms", "read-configmaps", web)),
            "app",
            "web");

    assertThat(rbac.allows(ApiCall.parse("GET", "/api/v1/namespaces/shop/pods"))).isTrue();
    assertThat(rbac.allows(ApiCall.parse("GET", "/api/v1/namespaces/istio-system/configmaps")))
        .isTrue();
    assertThat(rbac.allows(ApiCall.parse("GET", "/api/v1/namespaces/shop/configmaps"))).isFalse();
    assertThat(rbac.allows(ApiCall.parse("DELETE", "/api/v1/namespaces/shop/pods/web-1")))
        .isFalse();
  }

  private static Subject account(String namespace, String name) {
    return new SubjectBuilder()
        .withKind("ServiceAccount")
        .withName(name)
        .withNamespace(namespace)
        .build();
  }

  private static ClusterRoleBinding clusterBinding(String name, String role, Subject subject) {
    return new ClusterRoleBindingBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
        .withSubjects(subject)
        .build();
  }

  private static RoleBinding binding(String namespace, String name, String role, Subject subject) {
    return new RoleBindingBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "Role", role)
        .withSubjects(subject)
        .build();
  }
}
