package io.meshwarden.core.model.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.ServiceFacts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Host resolution as Istio does it, one row per case with its near miss beside it: short names,
 * FQDNs, ServiceEntry hosts, wildcards and exportTo ({@code .}, {@code *}, namespace names, {@code
 * ~}).
 */
class HostRegistryTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final HostRegistry REGISTRY =
      HostRegistry.of(
          Hosts.DEFAULT_DOMAIN,
          List.of(
              service("shop", "reviews", null),
              service("shop", "private", "."),
              service("shop", "shared", "shop,web"),
              service("shop", "everyone", "*"),
              service("shop", "nobody", "~")),
          List.of(
              entry("shop", "wild", "{\"hosts\":[\"*.pay.example.com\"]}"),
              entry("shop", "api", "{\"hosts\":[\"api.example.com\"],\"exportTo\":[\".\"]}"),
              entry("ops", "legacy", "{\"hosts\":[\"legacy\"],\"exportTo\":[\"web\"]}")));

  @ParameterizedTest(name = "{0} from {1} -> {2}")
  @CsvSource({
    // short names resolve in the asking namespace
    "reviews, shop, Service shop/reviews",
    "reviews, web, ''",
    // FQDNs resolve from anywhere; a partial name is not expanded
    "reviews.shop.svc.cluster.local, web, Service shop/reviews",
    "reviews.shop, web, ''",
    "REVIEWS.shop.svc.cluster.local, web, Service shop/reviews",
    "reviews.shop.svc.other.domain, web, ''",
    // Service exportTo annotation: '.', named namespaces, '*', '~'
    "private.shop.svc.cluster.local, shop, Service shop/private",
    "private.shop.svc.cluster.local, web, ''",
    "shared.shop.svc.cluster.local, web, Service shop/shared",
    "shared.shop.svc.cluster.local, ops, ''",
    "everyone.shop.svc.cluster.local, ops, Service shop/everyone",
    "nobody.shop.svc.cluster.local, shop, ''",
    // ServiceEntry hosts: wildcards cover subdomains, not the bare domain
    "api.pay.example.com, web, ServiceEntry shop/wild",
    "a.b.pay.example.com, web, ServiceEntry shop/wild",
    "pay.example.com, web, ''",
    "api.example.com, shop, ServiceEntry shop/api",
    "api.example.com, web, ''",
    // a short ServiceEntry host is qualified in the entry's namespace, exported to web only
    "legacy.ops.svc.cluster.local, web, ServiceEntry ops/legacy",
    "legacy.ops.svc.cluster.local, ops, ''",
    // a wildcard asked for intersects the hosts it covers
    "*.pay.example.com, web, ServiceEntry shop/wild",
    "*.example.org, web, ''",
  })
  void resolvesAsIstioDoes(String host, String from, String expected) {
    List<String> found =
        REGISTRY.resolve(host, from).stream()
            .map(h -> h.source().kind() + " " + h.source().namespace() + "/" + h.source().name())
            .distinct()
            .toList();

    assertThat(found).isEqualTo(expected.isEmpty() ? List.of() : List.of(expected));
  }

  @ParameterizedTest(name = "{0} covers {1}: {2}")
  @CsvSource({
    "*, anything.example.com, true",
    "*.example.com, api.example.com, true",
    "*.example.com, example.com, false",
    "*.example.com, *.api.example.com, true",
    "*.api.example.com, *.example.com, false",
    "api.example.com, api.example.com, true",
    "api.example.com, web.example.com, false",
  })
  void wildcardsCoverOnlyTheirSubdomains(String pattern, String host, boolean covers) {
    assertThat(Hosts.covers(pattern, host)).isEqualTo(covers);
  }

  @ParameterizedTest(name = "gateway host {0} of ns gw bindable from {1}: {2}")
  @CsvSource({
    "*/shop.example.com, web, true",
    "shop.example.com, web, true",
    "./shop.example.com, gw, true",
    "./shop.example.com, web, false",
    "web/shop.example.com, web, true",
    "web/shop.example.com, shop, false",
  })
  void gatewayHostNamespacesLimitWhoMayBind(String serverHost, String vsNs, boolean bindable) {
    assertThat(Hosts.bindableFrom(serverHost, "gw", vsNs)).isEqualTo(bindable);
  }

  private static ServiceFacts service(String ns, String name, String exportTo) {
    Map<String, String> annotations =
        exportTo == null ? Map.of() : Map.of(ExportTo.SERVICE_ANNOTATION, exportTo);
    return new ServiceFacts(
        null,
        null,
        new FactMeta("test", ns, name, "uid", "1", null, null, Map.of(), annotations),
        "ClusterIP",
        Map.of("app", name),
        List.of(new ServiceFacts.ServicePort("http", 80, "8080", "TCP", null)),
        null,
        null);
  }

  private static IstioConfigFacts entry(String ns, String name, String spec) {
    try {
      return new IstioConfigFacts(
          null,
          FactKind.ServiceEntry,
          new FactMeta("test", ns, name, "uid", "1", null, null, Map.of(), Map.of()),
          "networking.istio.io/v1",
          JSON.readTree(spec));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
