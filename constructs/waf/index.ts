// A WAF web ACL in front of the load balancer: AWS managed rule groups block the common
// web exploits (OWASP top ten patterns, known bad inputs such as Log4Shell) before they
// reach the containers.
// https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html
import { CloudwatchLogResourcePolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { Construct } from "constructs";
import { LogGroup } from "../log-group";
import { resolveTerraformNames, terraformNamer, TerraformNames } from "../shared/addresses";
import { awsName, logGroupName, nonEmpty } from "../shared/rules";
import { Problems } from "../shared/validation";

/** The web ACL's request logs in CloudWatch Logs: which rule matched which request. */
export interface WebAclLogging {
  /** The log group's name: WAF writes only to groups named `aws-waf-logs-...`. */
  readonly logGroupName: string;
  /** How long the logs are kept, in days: one of CloudWatch's values (0: never expire). */
  readonly retentionInDays: number;
  /**
   * A customer-managed KMS key (its ARN) that encrypts the log group.
   * @default none: CloudWatch Logs' own encryption
   */
  readonly kmsKeyArn?: string;
}

/** The managed rule groups unless told otherwise: the baseline AWS recommends for any web application. */
export const DEFAULT_MANAGED_RULE_GROUPS = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"];

export interface WebAclProps {
  /** The web ACL's name and CloudWatch metric name, unique in the account and region. */
  readonly name: string;
  /** The load balancer the web ACL protects (`LoadBalancer.loadBalancerArn`). */
  readonly loadBalancerArn: string;
  /**
   * AWS managed rule groups (vendor AWS), evaluated in this order; a request one blocks is not
   * evaluated further. Each costs a monthly fee and WCUs (1,500 per web ACL by default).
   * @default ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"]
   */
  readonly managedRuleGroups?: string[];
  /**
   * Request logs to a log group of its own (`aws_cloudwatch_log_group.waf`,
   * `aws_wafv2_web_acl_logging_configuration.example`), with the log resource policy that lets
   * AWS's log delivery write to that group only (`aws_cloudwatch_log_resource_policy.waf`,
   * named `waf-logs-<name>`): left to WAF, it would write an account-wide `AWSWAF-LOGS` policy
   * that outlives the stack and grows with every web ACL.
   * @default none: metrics and sampled requests only
   */
  readonly logging?: WebAclLogging;
  /**
   * The Terraform names of the web ACL and its association.
   * @default "note" for the stack's first web ACL (`aws_wafv2_web_acl.example`, `aws_wafv2_web_acl_association.example`), "own" for later ones (`aws_wafv2_web_acl.<id>`, ...)
   */
  readonly terraformNames?: TerraformNames;
}

const wafName = awsName(128, /^[\w-]+$/, "letters, digits, hyphens and underscores");

/**
 * Addresses: `aws_wafv2_web_acl.example` and `aws_wafv2_web_acl_association.example`; with
 * logging, `aws_cloudwatch_log_group.waf`, `aws_cloudwatch_log_resource_policy.waf` (its document
 * `data.aws_iam_policy_document.waf`, with `data.aws_caller_identity.waf`, `data.aws_region.waf`,
 * `data.aws_partition.waf`) and `aws_wafv2_web_acl_logging_configuration.example`.
 */
export class WebAcl extends Construct {
  public readonly webAclArn: string;

  public constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const groups = props.managedRuleGroups ?? DEFAULT_MANAGED_RULE_GROUPS;

    const problems = new Problems(this);
    const named = terraformNamer(resolveTerraformNames(this, "WebAcl", props.terraformNames, problems), id);
    problems.check("name", props.name, wafName);
    problems.check("managedRuleGroups", groups, nonEmpty);
    groups.forEach((group, i) =>
      problems.check(`managedRuleGroups[${i}]`, group, wafName, (g) =>
        groups.indexOf(g) === i ? undefined : "must be listed once",
      ),
    );
    const logging = props.logging;
    // The log group checks its own name, retention and key (`<id>/log_group`); WAF adds the prefix,
    // for a name the log group accepts: one mistake, one line.
    if (logging) {
      problems.check("logging.logGroupName", logging.logGroupName, (name) =>
        logGroupName(name) === undefined && !name.startsWith("aws-waf-logs-")
          ? "must start with aws-waf-logs- (WAF writes to no other group)"
          : undefined,
      );
    }

    const visibility = (metricName: string) => ({
      cloudwatchMetricsEnabled: true,
      metricName,
      // Samples of matched requests in the console: what a false positive looks like.
      sampledRequestsEnabled: true,
    });

    const webAcl = new Wafv2WebAcl(this, "web_acl", {
      name: props.name,
      // REGIONAL: for a load balancer (CLOUDFRONT is for distributions, in us-east-1).
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      rule: groups.map((group, priority) => ({
        name: group,
        priority,
        // `none`: the group's own actions (block) apply; `count` would only count.
        overrideAction: { none: {} },
        // The provider types `statement` loosely (it nests too deep): Terraform's own keys.
        statement: { managed_rule_group_statement: { name: group, vendor_name: "AWS" } },
        visibilityConfig: visibility(`${props.name}-${group}`),
      })),
      visibilityConfig: visibility(props.name),
    });
    webAcl.overrideLogicalId(named("example"));

    new Wafv2WebAclAssociation(this, "association", {
      resourceArn: props.loadBalancerArn,
      webAclArn: webAcl.arn,
    }).overrideLogicalId(named("example"));

    // https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html
    if (logging) {
      const logGroup = new LogGroup(this, "log_group", {
        name: logging.logGroupName,
        retentionInDays: logging.retentionInDays,
        kmsKeyArn: logging.kmsKeyArn,
        terraformName: named("waf"),
      });

      // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-CloudWatchLogs.html
      // Log delivery writes for every customer: only into this group, only for this account's
      // deliveries (the source of a vended log is the account's logs delivery, not the web ACL).
      const account = new DataAwsCallerIdentity(this, "account", {});
      account.overrideLogicalId(named("waf"));
      const region = new DataAwsRegion(this, "region", {});
      region.overrideLogicalId(named("waf"));
      const partition = new DataAwsPartition(this, "partition", {});
      partition.overrideLogicalId(named("waf"));
      const document = new DataAwsIamPolicyDocument(this, "delivery_policy", {
        statement: [
          {
            sid: "WafLogDelivery",
            effect: "Allow",
            principals: [{ type: "Service", identifiers: ["delivery.logs.amazonaws.com"] }],
            actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
            resources: [`${logGroup.logGroupArn}:log-stream:*`],
            condition: [
              { test: "StringEquals", variable: "aws:SourceAccount", values: [account.accountId] },
              {
                test: "ArnLike",
                variable: "aws:SourceArn",
                values: [`arn:${partition.partition}:logs:${region.name}:${account.accountId}:*`],
              },
            ],
          },
        ],
      });
      document.overrideLogicalId(named("waf"));
      const resourcePolicy = new CloudwatchLogResourcePolicy(this, "delivery", {
        policyName: `waf-logs-${props.name}`,
        policyDocument: document.json,
      });
      resourcePolicy.overrideLogicalId(named("waf"));

      new Wafv2WebAclLoggingConfiguration(this, "logging", {
        resourceArn: webAcl.arn,
        logDestinationConfigs: [logGroup.logGroupArn],
        // With the policy in place first, WAF finds delivery allowed and writes no policy of its own.
        dependsOn: [resourcePolicy],
      }).overrideLogicalId(named("example"));
    }

    this.webAclArn = webAcl.arn;
  }
}
