package io.meshwarden.common.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that leaves the process (health-check reasons, error messages): every known
 * secret value, and any {@code password=...}, {@code secret: ...} or {@code token=...} assignment.
 * Get one with the loaded secrets from {@link Config#redactor()}.
 */
public final class Redactor implements UnaryOperator<String> {

  /** Secrets shorter than this are not searched for: they would mask ordinary words. */
  static final int MIN_SECRET_LENGTH = 4;

  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "(?i)(password|passwd|passphrase|secret|token)(\"?\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&\"']+)");

  private final List<String> secrets;

  private Redactor(Collection<String> secrets) {
    this.secrets =
        secrets.stream()
            .filter(s -> s != null && s.length() >= MIN_SECRET_LENGTH)
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  /** A redactor that knows these secret values. */
  public static Redactor of(Collection<String> secrets) {
    return new Redactor(secrets);
  }

  /** A redactor that only masks credential-like assignments. */
  public static Redactor patternsOnly() {
    return new Redactor(List.of());
  }

  @Override
  public String apply(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, Secret.MASK);
    }
    return ASSIGNMENT.matcher(out).replaceAll("$1$2" + Secret.MASK);
  }
}
