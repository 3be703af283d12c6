package io.meshwarden.alerting.config;

/** The message templates used when the routing file sets none. */
public final class DefaultTemplates {

  /** Slack mrkdwn: a header line, then one line per alert. */
  public static final String SLACK =
      """
      *[{{status}}] {{title}}*
      {{#alerts}}
      {{#firing}}:red_circle:{{/firing}}{{^firing}}:large_green_circle:{{/firing}} \
      *{{severity}}* {{summary}} ({{cluster}} {{kind}} {{namespace}}/{{name}}, <{{runbookUrl}}|{{code}}>)
      {{/alerts}}
      {{#more}}…and {{more}} more{{/more}}""";

  /** PagerDuty summary: one line. */
  public static final String PAGERDUTY_SUMMARY =
      "[{{status}}] {{title}}{{#first}}: {{summary}}{{/first}}";

  /** Teams: the card's heading. */
  public static final String TEAMS = "[{{status}}] {{title}}";

  private DefaultTemplates() {}
}
