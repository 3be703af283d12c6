package io.meshwarden.alerting.delivery;

import io.meshwarden.alerting.receiver.HttpRequestSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** {@link HttpTransport} over the JDK's {@link HttpClient}; reads at most 512 bytes of a body. */
public final class JdkHttpTransport implements HttpTransport {

  private final HttpClient client;

  public JdkHttpTransport(Duration connectTimeout) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public Response send(HttpRequestSpec spec, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(spec.uri())
            .timeout(timeout)
            .header("User-Agent", "meshwarden-alerting")
            .POST(HttpRequest.BodyPublishers.ofByteArray(spec.body()));
    spec.headers().forEach(b::header);
    HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    String start;
    try (InputStream in = r.body()) {
      start = new String(in.readNBytes(512), StandardCharsets.UTF_8);
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return new Response(r.statusCode(), r.headers().firstValue("Retry-After"), start);
  }
}
