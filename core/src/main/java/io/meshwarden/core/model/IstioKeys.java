package io.meshwarden.core.model;

import java.util.Set;

/** Label, annotation and container names Istio's injector reads or writes (istio.md §1, §2). */
public final class IstioKeys {

  /** Namespace label: {@code enabled} asks the default revision to inject. */
  public static final String ISTIO_INJECTION = "istio-injection";

  /** Namespace or pod label naming a revision or tag; pod annotation naming the injector. */
  public static final String REV = "istio.io/rev";

  /** Pod label (and deprecated annotation) with an explicit injection choice. */
  public static final String INJECT = "sidecar.istio.io/inject";

  /** Pod annotation the injector writes: JSON with the revision that injected. */
  public static final String STATUS = "sidecar.istio.io/status";

  /** Pod annotation that overrides the proxy image. */
  public static final String PROXY_IMAGE = "sidecar.istio.io/proxyImage";

  /** Pod annotation that selects an image variant, e.g. {@code distroless}. */
  public static final String PROXY_IMAGE_TYPE = "sidecar.istio.io/proxyImageType";

  /** Pod annotation that turns probe rewriting on or off. */
  public static final String REWRITE_PROBES = "sidecar.istio.io/rewriteAppHTTPProbers";

  /** Pod annotation (1.24+) asking for or refusing a native sidecar. */
  public static final String NATIVE_SIDECAR = "sidecar.istio.io/nativeSidecar";

  /** Pod annotation naming the injection templates, {@code gateway} for gateways. */
  public static final String TEMPLATES = "inject.istio.io/templates";

  /** Label on pods that Istio's Gateway API controller deploys. */
  public static final String GATEWAY_MANAGED = "gateway.istio.io/managed";

  /** Ambient intent on a namespace or pod. */
  public static final String DATAPLANE_MODE = "istio.io/dataplane-mode";

  /** The label every namespace carries with its own name. */
  public static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

  /** Label a ReplicaSet adds to its pods; the ReplicaSet's name ends with it. */
  public static final String POD_TEMPLATE_HASH = "pod-template-hash";

  /** The proxy container. */
  public static final String PROXY_CONTAINER = "istio-proxy";

  /** The UID the proxy runs as. */
  public static final long PROXY_UID = 1337L;

  /** Namespaces the injector never injects (stage 2, step 2). istio-system is not one. */
  public static final Set<String> EXCLUDED_NAMESPACES =
      Set.of("kube-system", "kube-public", "kube-node-lease", "local-path-storage");

  private IstioKeys() {}
}
