package io.meshwarden.alerting.receiver;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP POST to make. {@link #toString()} never shows the URI's path or query (Slack and Teams
 * webhook URLs are credentials) nor the body.
 *
 * @param target index of the target within the receiver (an Alertmanager HA pair has two)
 */
public record HttpRequestSpec(int target, URI uri, Map<String, String> headers, byte[] body) {

  public HttpRequestSpec {
    headers = Map.copyOf(headers);
  }

  @Override
  public String toString() {
    return "POST "
        + uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
        + "/… ("
        + body.length
        + " bytes)";
  }
}
