import { WebAcl, WebAclProps } from "../../constructs/waf";
import { addresses, resolved, resource, synthJson, testStack, validationErrors } from "../helpers/synth";

const LB_ARN = "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/app/example/50dc6c495c0c9188";
const LOGGING = { logGroupName: "aws-waf-logs-example", retentionInDays: 365 };

function build(overrides: Partial<WebAclProps> = {}) {
  const stack = testStack();
  const webAcl = new WebAcl(stack, "waf", { name: "example", loadBalancerArn: LB_ARN, ...overrides });
  return { stack, webAcl, json: synthJson(stack) };
}

describe("WebAcl", () => {
  describe("defaults", () => {
    it("has the addresses aws_wafv2_web_acl.example and its association", () => {
      expect(addresses(build().json)).toEqual(["aws_wafv2_web_acl.example", "aws_wafv2_web_acl_association.example"]);
    });

    it("creates a regional web ACL that allows what no rule blocks, with metrics and samples", () => {
      expect(resource(build().json, "aws_wafv2_web_acl", "example")).toMatchObject({
        name: "example",
        scope: "REGIONAL",
        default_action: { allow: {} },
        visibility_config: { cloudwatch_metrics_enabled: true, metric_name: "example", sampled_requests_enabled: true },
      });
    });

    it("applies the common and known-bad-inputs AWS managed rule groups, in that order", () => {
      expect(resource(build().json, "aws_wafv2_web_acl", "example").rule).toEqual([
        {
          name: "AWSManagedRulesCommonRuleSet",
          priority: 0,
          override_action: { none: {} },
          statement: { managed_rule_group_statement: { name: "AWSManagedRulesCommonRuleSet", vendor_name: "AWS" } },
          visibility_config: {
            cloudwatch_metrics_enabled: true,
            metric_name: "example-AWSManagedRulesCommonRuleSet",
            sampled_requests_enabled: true,
          },
        },
        expect.objectContaining({
          name: "AWSManagedRulesKnownBadInputsRuleSet",
          priority: 1,
          statement: {
            managed_rule_group_statement: { name: "AWSManagedRulesKnownBadInputsRuleSet", vendor_name: "AWS" },
          },
        }),
      ]);
    });

    it("associates the web ACL with the load balancer", () => {
      expect(resource(build().json, "aws_wafv2_web_acl_association", "example")).toMatchObject({
        resource_arn: LB_ARN,
        web_acl_arn: "${aws_wafv2_web_acl.example.arn}",
      });
    });

    it("exposes the web ACL's ARN", () => {
      const { stack, webAcl } = build();
      expect(resolved(stack, webAcl.webAclArn)).toBe("${aws_wafv2_web_acl.example.arn}");
    });

    it("accepts valid input", () => {
      expect(validationErrors(build().stack)).toEqual([]);
    });
  });

  describe("overrides", () => {
    it("applies the given rule groups", () => {
      const groups = ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesAnonymousIpList"];
      const rules = resource(build({ managedRuleGroups: groups }).json, "aws_wafv2_web_acl", "example").rule;
      expect(rules.map((r: { name: string; priority: number }) => [r.name, r.priority])).toEqual([
        ["AWSManagedRulesAmazonIpReputationList", 0],
        ["AWSManagedRulesAnonymousIpList", 1],
      ]);
    });

    it("logs requests to a log group of its own", () => {
      const { json } = build({ logging: { ...LOGGING, kmsKeyArn: "arn:aws:kms:ap-northeast-1:123456789012:key/k-1" } });
      expect(addresses(json)).toEqual([
        "aws_cloudwatch_log_group.waf",
        "aws_cloudwatch_log_resource_policy.waf",
        "aws_wafv2_web_acl.example",
        "aws_wafv2_web_acl_association.example",
        "aws_wafv2_web_acl_logging_configuration.example",
        "data.aws_caller_identity.waf",
        "data.aws_iam_policy_document.waf",
        "data.aws_partition.waf",
        "data.aws_region.waf",
      ]);
      expect(resource(json, "aws_cloudwatch_log_group", "waf")).toMatchObject({
        name: "aws-waf-logs-example",
        retention_in_days: 365,
        kms_key_id: "arn:aws:kms:ap-northeast-1:123456789012:key/k-1",
      });
      expect(resource(json, "aws_wafv2_web_acl_logging_configuration", "example")).toMatchObject({
        resource_arn: "${aws_wafv2_web_acl.example.arn}",
        log_destination_configs: ["${aws_cloudwatch_log_group.waf.arn}"],
      });
    });

    it("lets AWS's log delivery write to its log group only, for this account only, before logging starts", () => {
      const { json } = build({ logging: LOGGING });
      expect(resource(json, "aws_cloudwatch_log_resource_policy", "waf")).toEqual({
        policy_name: "waf-logs-example",
        policy_document: "${data.aws_iam_policy_document.waf.json}",
      });
      expect(json.data?.aws_iam_policy_document?.waf.statement).toEqual([
        {
          sid: "WafLogDelivery",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
          actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
          resources: ["${aws_cloudwatch_log_group.waf.arn}:log-stream:*"],
          condition: [
            {
              test: "StringEquals",
              variable: "aws:SourceAccount",
              values: ["${data.aws_caller_identity.waf.account_id}"],
            },
            {
              test: "ArnLike",
              variable: "aws:SourceArn",
              values: [
                "arn:${data.aws_partition.waf.partition}:logs:${data.aws_region.waf.name}:${data.aws_caller_identity.waf.account_id}:*",
              ],
            },
          ],
        },
      ]);
      expect(resource(json, "aws_wafv2_web_acl_logging_configuration", "example").depends_on).toEqual([
        "aws_cloudwatch_log_resource_policy.waf",
      ]);
    });
  });

  describe("validation", () => {
    it.each<[string, Partial<WebAclProps>, string]>([
      [
        "a name with a space",
        { name: "example prod" },
        'test/waf: `name` must be 1 to 128 characters of letters, digits, hyphens and underscores, got: "example prod"',
      ],
      ["no rule group", { managedRuleGroups: [] }, "test/waf: `managedRuleGroups` must not be empty, got: []"],
      [
        "a rule group listed twice",
        { managedRuleGroups: ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesCommonRuleSet"] },
        'test/waf: `managedRuleGroups[1]` must be listed once, got: "AWSManagedRulesCommonRuleSet"',
      ],
      [
        "a log group WAF does not write to",
        { logging: { ...LOGGING, logGroupName: "/waf/example" } },
        'test/waf: `logging.logGroupName` must start with aws-waf-logs- (WAF writes to no other group), got: "/waf/example"',
      ],
      [
        "a log group name CloudWatch rejects: the log group's one line, not WAF's prefix too",
        { logging: { ...LOGGING, logGroupName: "waf logs" } },
        'test/waf/log_group: `name` must be 1 to 512 characters of letters, digits and ._-/#, got: "waf logs"',
      ],
      [
        "a log retention CloudWatch does not offer",
        { logging: { ...LOGGING, retentionInDays: 2 } },
        "test/waf/log_group: `retentionInDays` must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got: 2",
      ],
    ])("rejects %s", (_, overrides, message) => {
      expect(validationErrors(build(overrides).stack)).toEqual([message]);
    });
  });
});
