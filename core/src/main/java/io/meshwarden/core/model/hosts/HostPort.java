package io.meshwarden.core.model.hosts;

/**
 * A port a host serves.
 *
 * @param number the port clients use
 * @param name the port name, may be null
 * @param protocol Istio's protocol for it (ServiceEntry {@code protocol}; for Services the
 *     appProtocol, else the name's prefix), upper case; null when unknown
 */
public record HostPort(int number, String name, String protocol) {}
