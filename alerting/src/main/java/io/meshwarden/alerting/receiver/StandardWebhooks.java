package io.meshwarden.alerting.receiver;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks 1.0 signatures: {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * "<id>.<timestamp>.<body>">}. A secret written {@code whsec_<base64>} is decoded; any other text
 * is used as the key's UTF-8 bytes. {@link #verify} is what a receiver does: check the timestamp is
 * within the tolerance and compare in constant time.
 */
public final class StandardWebhooks {

  /** Header names. */
  public static final String ID = "webhook-id";

  public static final String TIMESTAMP = "webhook-timestamp";
  public static final String SIGNATURE = "webhook-signature";

  /** The tolerance the specification recommends. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private final byte[] key;

  public StandardWebhooks(String secret) {
    this.key =
        secret.startsWith("whsec_")
            ? Base64.getDecoder().decode(secret.substring("whsec_".length()))
            : secret.getBytes(StandardCharsets.UTF_8);
  }

  /** The value of {@code webhook-signature} for this message. */
  public String sign(String id, long timestampSeconds, byte[] body) {
    return "v1," + Base64.getEncoder().encodeToString(hmac(id, timestampSeconds, body));
  }

  /**
   * Whether a delivery is authentic and fresh: one of the space-separated {@code v1,} signatures
   * matches and the timestamp is within {@link #TOLERANCE} of {@code now}.
   */
  public boolean verify(String id, String timestamp, String signatures, byte[] body, Instant now) {
    long ts;
    try {
      ts = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - ts) > TOLERANCE.toSeconds()) {
      return false;
    }
    byte[] expected = hmac(id, ts, body);
    for (String candidate : signatures.split(" ")) {
      if (candidate.startsWith("v1,")) {
        byte[] given;
        try {
          given = Base64.getDecoder().decode(candidate.substring(3));
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (MessageDigest.isEqual(expected, given)) {
          return true;
        }
      }
    }
    return false;
  }

  private byte[] hmac(String id, long ts, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + ts + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is in every JVM", e);
    }
  }
}
