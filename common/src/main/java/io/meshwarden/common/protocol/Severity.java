package io.meshwarden.common.protocol;

/** How bad a finding is, most severe first. Maps onto istioctl's E/W/I and PagerDuty's levels. */
public enum Severity {
  CRITICAL,
  ERROR,
  WARNING,
  INFO
}
