package io.meshwarden.core.rules;

import java.util.Comparator;
import java.util.List;

/** Every rule meshwarden runs, in code order. */
public final class RuleCatalog {

  private RuleCatalog() {}

  /** All rules with default settings. */
  public static List<Rule> all() {
    List<Rule> rules =
        List.of(
            new SidecarMissingRule(),
            new UnexpectedSidecarRule(),
            new RevisionDriftRule(),
            new ProxyImageDriftRule(),
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
            new WebhookOverlapRule(),
            new WebhookFailOpenRule(),
            new PortNameConventionRule(),
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
