package io.meshwarden.core.model.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code exportTo} of VirtualServices, DestinationRules and ServiceEntries (a list) and of Services
 * (a comma-separated annotation), each row beside its near miss. The owner namespace is {@code
 * shop}.
 */
class ExportToTest {

  @ParameterizedTest(name = "exportTo [{0}] visible from {1}: {2}")
  @CsvSource({
    "'', web, true",
    "*, web, true",
    "., shop, true",
    "., web, false",
    "web, web, true",
    "web, ops, false",
    "'.,web', shop, true",
    "'.,web', ops, false",
    "~, shop, false",
    "' web , ops ', ops, true",
  })
  void visibleFromTheNamespacesItNames(String annotation, String client, boolean visible) {
    assertThat(ExportTo.parse(annotation).visible("shop", client)).isEqualTo(visible);
  }

  @ParameterizedTest(name = "[{0}] in shop and [{1}] in web seen together: {2}")
  @CsvSource({
    "*, *, true",
    "'', ., true",
    "., ., false",
    "., shop, true",
    "web, ., true",
    "ops, ., false",
    "*, ~, false",
  })
  void overlapWhenSomeNamespaceSeesBoth(String a, String b, boolean overlap) {
    ExportTo first = new ExportTo(a.isEmpty() ? List.of() : List.of(a.split(",")));
    ExportTo second = new ExportTo(b.isEmpty() ? List.of() : List.of(b.split(",")));

    assertThat(first.overlaps("shop", second, "web")).isEqualTo(overlap);
  }
}
