package io.meshwarden.alerting.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  void replacesLoneSurrogatesAndDropsControlCharacters() {
    assertThat(Text.clean("a\uD800b\uDC00c\u0007d\uD83D\uDE00"))
        .isEqualTo("a\uFFFDb\uFFFDcd\uD83D\uDE00");
    assertThat(Text.clean(null)).isEmpty();
  }

  @Test
  void truncatesWithoutSplittingASurrogatePair() {
    String s = "ab\uD83D\uDE00cd";
    assertThat(Text.truncate(s, 4)).isEqualTo("ab…");
    assertThat(Text.truncate("x".repeat(10_240), 100)).hasSize(100).endsWith("…");
    assertThat(Text.truncate("short", 100)).isEqualTo("short");
  }

  @Test
  void templatesEscapeEveryValueAndRefuseUnescapedTags() {
    Templates t = new Templates(Escaper.SLACK, 10);
    assertThat(t.compile("t", "*{{v}}*").render(Map.of("v", "<@U1> *x* and more")))
        .isEqualTo("*&lt;@U1&gt; *\u200Bx*\u200B…*");
    assertThatThrownBy(() -> t.compile("t", "{{{v}}}")).hasMessageContaining("unescaped");
    assertThatThrownBy(() -> t.compile("t", "{{&v}}")).hasMessageContaining("unescaped");
  }
}
