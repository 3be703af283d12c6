package io.meshwarden.core.model;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Istio release, major.minor.patch, as far as Istio's behaviour changed between releases. Rules
 * and the injection model ask the version of the revision that would inject (or did inject) a pod,
 * and apply that release's semantics; a revision whose version is unknown is judged by the newest
 * semantics meshwarden knows ({@link #NEWEST}), and says so.
 *
 * @param major 1 for every Istio release so far
 * @param minor the minor release, e.g. 27 for 1.27.x
 * @param patch the patch release
 */
public record IstioVersion(int major, int minor, int patch) implements Comparable<IstioVersion> {

  /** The oldest release whose semantics meshwarden models: older ones are judged as this. */
  public static final IstioVersion OLDEST = new IstioVersion(1, 22, 0);

  /** The newest release whose semantics meshwarden models: unknown and newer ones use these. */
  public static final IstioVersion NEWEST = new IstioVersion(1, 31, 0);

  private static final Pattern VERSION =
      Pattern.compile("^v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[-+.].*)?$");

  private static final Comparator<IstioVersion> ORDER =
      Comparator.comparingInt(IstioVersion::major)
          .thenComparingInt(IstioVersion::minor)
          .thenComparingInt(IstioVersion::patch);

  public IstioVersion {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version parts must not be negative");
    }
  }

  /**
   * The version a release string or image tag names: {@code 1.27.0}, {@code 1.24}, {@code
   * 1.24.1-distroless}, {@code v1.28.2}; empty for anything else ({@code latest}, a digest, a
   * development build without a release number).
   */
  public static Optional<IstioVersion> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = VERSION.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new IstioVersion(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The version of an image reference's tag ({@code docker.io/istio/pilot:1.24.1}), if any. */
  public static Optional<IstioVersion> ofImage(String image) {
    if (image == null || image.contains("@")) {
      return Optional.empty();
    }
    int colon = image.lastIndexOf(':');
    int slash = image.lastIndexOf('/');
    return colon > slash ? parse(image.substring(colon + 1)) : Optional.empty();
  }

  /**
   * The release whose semantics judge a revision that runs {@code version}: {@link #NEWEST} when
   * unknown or of a minor release after it, {@link #OLDEST} when older, else itself.
   */
  public static IstioVersion judged(Optional<IstioVersion> version) {
    if (version.isEmpty() || version.get().newerThanModelled()) {
      return NEWEST;
    }
    return version.get().compareTo(OLDEST) < 0 ? OLDEST : version.get();
  }

  /**
   * For a finding's details: the version itself when meshwarden models it ({@code 1.26.3}), else
   * how it is judged ({@code unknown, judged as 1.31}; {@code 1.33.0, judged as 1.31}).
   */
  public static String describe(Optional<IstioVersion> version) {
    IstioVersion judged = judged(version);
    String as = ", judged as " + judged.major() + "." + judged.minor();
    if (version.isEmpty()) {
      return "unknown" + as;
    }
    return judged.equals(version.get()) ? version.get().toString() : version.get() + as;
  }

  /** Whether this is a minor release after {@link #NEWEST}. */
  private boolean newerThanModelled() {
    return major > NEWEST.major || (major == NEWEST.major && minor > NEWEST.minor);
  }

  /** Whether this release is {@code major.minor.0} or later. */
  public boolean atLeast(int major, int minor) {
    return atLeast(major, minor, 0);
  }

  /** Whether this release is {@code major.minor.patch} or later. */
  public boolean atLeast(int major, int minor, int patch) {
    return compareTo(new IstioVersion(major, minor, patch)) >= 0;
  }

  @Override
  public int compareTo(IstioVersion other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
