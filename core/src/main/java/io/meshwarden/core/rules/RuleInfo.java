package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.Severity;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A rule's identity.
 *
 * @param code {@code MW} and four digits; {@code docs/rules/<code>.md} documents it
 * @param severity how bad a finding is
 * @param istioCode the istioctl analyzer code of the same check, or null
 * @param title a short name
 * @param remedy what corrects its findings without a person ({@link Remedy#NONE} for most rules)
 */
public record RuleInfo(
    String code, Severity severity, String istioCode, String title, Remedy remedy) {

  private static final Pattern CODE = Pattern.compile("MW\\d{4}");

  public RuleInfo {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(remedy, "remedy");
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("rule code must be MW and four digits: " + code);
    }
  }

  /** A rule that only reports: a person corrects its findings. */
  public RuleInfo(String code, Severity severity, String istioCode, String title) {
    this(code, severity, istioCode, title, Remedy.NONE);
  }
}
