package io.meshwarden.core.rules;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every rule meshwarden runs, in code order. */
public final class RuleCatalog {

  private RuleCatalog() {}

  private static final Map<String, Rule> BY_CODE =
      all().stream().collect(Collectors.toUnmodifiableMap(r -> r.info().code(), r -> r));

  /** The rule with {@code code}, or empty for a code no rule has (or null). */
  public static Optional<Rule> byCode(String code) {
    return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
  }

  /** All rules with default settings. */
  public static List<Rule> all() {
    List<Rule> rules =
        List.of(
            new SidecarMissingRule(),
            new PodMissingProxyRule(),
            new UnexpectedSidecarRule(),
            new RevisionDriftRule(),
            new ProxyImageDriftRule(),
            new PodsProxyImageMismatchRule(),
            new ProxyUnhealthyRule(),
            new ProbeRewriteOffStrictMtlsRule(),
            new ProbeHostSetRule(),
            new AppProbersStaleRule(),
            new NamespaceLabelConflictRule(),
            new UnknownNamespaceRevisionRule(),
            new UnknownWorkloadRevisionRule(),
            new NamespaceNotInjectedRule(),
            new NamespaceInjectedByDefaultRule(),
            new DeprecatedInjectAnnotationRule(),
            new ProxyUidRule(),
            new InvalidApplicationUidRule(),
            new ImageAutoWithoutInjectionRule(),
            new ImageAutoPodRule(),
            new WebhookOverlapRule(),
            new WebhookFailOpenRule(),
            new MalformedObjectRule(),
            new UnknownAnnotationRule(),
            new MisplacedAnnotationRule(),
            new InvalidAnnotationRule(),
            new DeprecatedAnnotationRule(),
            new SchemaValidationRule(),
            new PortNameConventionRule(),
            new ExternalNamePortNameRule(),
            new WorkloadPortProtocolConflictRule(),
            new WorkloadTargetPortConflictRule(),
            new ServiceSelectsNoPodRule(),
            new GatewayWorkloadMissingRule(),
            new GatewayPortNotOnServiceRule(),
            new ConflictingGatewaysRule(),
            new GatewayDuplicateCertificateRule(),
            new GatewayCredentialMissingRule(),
            new VirtualServiceHostNotFoundRule(),
            new VirtualServiceSubsetNotFoundRule(),
            new VirtualServicePortRequiredRule(),
            new VirtualServiceGatewayNotFoundRule(),
            new VirtualServiceHostNotInGatewayRule(),
            new VirtualServiceConflictingHostsRule(),
            new VirtualServiceUnreachableRule(),
            new VirtualServiceIneffectiveMatchRule(),
            new VirtualServiceInternalGatewayRule(),
            new IngressSubsetIneffectiveRule(),
            new DestinationRuleSubsetNoPodsRule(),
            new DestinationRuleUnknownHostRule(),
            new DestinationRuleTlsWithoutCaRule(),
            new ServiceEntryAddressesRequiredRule(),
            new ServiceEntryProtocolConflictRule(),
            new WorkloadEntryUnselectedRule(),
            new ServiceEntrySelectsNothingRule(),
            new WorkloadGroupUnselectedRule(),
            new WorkloadEntryAddressMissingRule(),
            new SidecarsWithoutSelectorRule(),
            new SidecarSelectorOverlapRule(),
            new SidecarSelectsNothingRule(),
            new SidecarInAmbientNamespaceRule(),
            new CanarySplitRule());
    return rules.stream().sorted(Comparator.comparing(r -> r.info().code())).toList();
  }
}
