// A CloudWatch Logs log group: the note's `aws_cloudwatch_log_group.for_ecs`, where the
// containers' awslogs driver writes, and every other log group of the stack (the VPC's flow
// logs, the web ACL's request logs). One construct, so that a log group's name, retention and
// encryption are checked by one set of rules wherever it is made.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";
import { resolveTerraformNames, terraformName, TerraformNames } from "../shared/addresses";
import { kmsKeyArn, logGroupName, logRetentionDays } from "../shared/rules";
import { Problems } from "../shared/validation";

export interface LogGroupProps {
  /** The log group's name, unique in the account and region (the note's `/ecs/example`, which the containers' `awslogs-group` names). */
  readonly name: string;
  /**
   * How long logs are kept, in days: one of CloudWatch's values (0: never expire).
   * @default 180 (the note's)
   */
  readonly retentionInDays?: number;
  /**
   * A customer managed KMS key (its ARN) that encrypts the log events. Its key policy must let the
   * region's CloudWatch Logs service principal use it (`CustomerManagedKey` does), or the log group
   * cannot be created.
   * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
   * @default none: CloudWatch Logs encrypts with its own key, as in the note
   */
  readonly kmsKeyArn?: string;
  /**
   * The Terraform name the construct that owns this log group gives it (`flow_log` for the VPC's
   * flow logs, `waf` for the web ACL's): `aws_cloudwatch_log_group.<it>`, whatever `terraformNames` says.
   * @default none: named by `terraformNames`
   */
  readonly terraformName?: string;
  /**
   * The Terraform names of a log group without a `terraformName`.
   * @default "note" for the stack's first such log group (`aws_cloudwatch_log_group.for_ecs`), "own" for later ones (`aws_cloudwatch_log_group.<id>`)
   */
  readonly terraformNames?: TerraformNames;
}

/** One log group. Its problems name its own properties: `name`, `retentionInDays`, `kmsKeyArn`. */
export class LogGroup extends Construct {
  /** The log group's name, as Terraform knows it. */
  public readonly logGroupName: string;
  /** Its ARN: what a flow log or a web ACL's logging delivers to, and what a policy grants. */
  public readonly logGroupArn: string;
  /** The resource, for `dependsOn`: tasks fail to start when their log group does not exist yet. */
  public readonly logGroup: CloudwatchLogGroup;

  public constructor(scope: Construct, id: string, props: LogGroupProps) {
    super(scope, id);
    const retentionInDays = props.retentionInDays ?? 180;

    const problems = new Problems(this);
    const address =
      props.terraformName ??
      terraformName(resolveTerraformNames(this, "LogGroup", props.terraformNames, problems), "for_ecs", id);
    problems.check("name", props.name, logGroupName);
    problems.check("retentionInDays", retentionInDays, logRetentionDays);
    if (props.kmsKeyArn !== undefined) problems.check("kmsKeyArn", props.kmsKeyArn, kmsKeyArn);

    const logGroup = new CloudwatchLogGroup(this, "log_group", {
      name: props.name,
      retentionInDays,
      kmsKeyId: props.kmsKeyArn,
    });
    logGroup.overrideLogicalId(address);

    this.logGroupName = logGroup.name;
    this.logGroupArn = logGroup.arn;
    this.logGroup = logGroup;
  }
}
