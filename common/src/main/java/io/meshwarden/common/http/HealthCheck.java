package io.meshwarden.common.http;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One named check behind {@code /healthz} or {@code /readyz}. A check must answer fast from state
 * the process already holds (a flag, a timestamp), never by calling out: probes time out, and
 * checks run on the ops server's few threads. A check that throws counts as down.
 */
public interface HealthCheck {

  /** Names are lower-case words joined by '-', like Kubernetes' {@code [+]etcd ok} lines. */
  Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  /** The check's name, shown in probe responses. */
  String name();

  /** The current verdict. */
  Result check();

  /**
   * A verdict.
   *
   * @param healthy whether the check passes
   * @param reason why it fails (or a note when it passes); shown in the probe response, so never a
   *     secret
   */
  record Result(boolean healthy, String reason) {

    public Result {
      reason = reason == null ? "" : reason;
    }

    /** Passing. */
    public static Result up() {
      return new Result(true, "");
    }

    /** Failing, with why. */
    public static Result down(String reason) {
      return new Result(false, Objects.requireNonNull(reason, "reason"));
    }
  }

  /** A check from a name and a function. */
  static HealthCheck of(String name, Supplier<Result> check) {
    Objects.requireNonNull(check, "check");
    String checked = checkName(name);
    return new HealthCheck() {
      @Override
      public String name() {
        return checked;
      }

      @Override
      public Result check() {
        return check.get();
      }
    };
  }

  /** A check that is up while a condition holds, and down with a fixed reason otherwise. */
  static HealthCheck of(String name, BooleanSupplier up, String downReason) {
    Objects.requireNonNull(up, "up");
    Objects.requireNonNull(downReason, "downReason");
    return of(name, () -> up.getAsBoolean() ? Result.up() : Result.down(downReason));
  }

  /** Throws {@link IllegalArgumentException} for a name that does not fit {@link #NAME}. */
  static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "health check name '" + name + "' must be lower-case words joined by '-'");
    }
    return name;
  }
}
