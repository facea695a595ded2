// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";
import { resolveTerraformNames, terraformName, TerraformNames } from "../shared/addresses";
import { awsName, oneOf } from "../shared/rules";
import { Problems } from "../shared/validation";
import { kmsKeyArn } from "./arns";

/** The retention periods CloudWatch Logs accepts, in days (0: never expire). */
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export interface EcsLogGroupProps {
  /** The log group's name, unique in the account and region; the containers' `awslogs-group` names it (the note's `/ecs/example`). */
  readonly name: string;
  /**
   * How long logs are kept, in days.
   * @default 180 (the note's)
   */
  readonly retentionInDays?: number;
  /**
   * A customer managed KMS key that encrypts the log events. Its key policy must let the
   * region's CloudWatch Logs service principal use it, or the log group cannot be created.
   * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
   * @default none: CloudWatch Logs encrypts with its own key, as in the note
   */
  readonly kmsKeyArn?: string;
  /**
   * The Terraform names of the log group.
   * @default "note" for the stack's first log group (`aws_cloudwatch_log_group.for_ecs`), "own" for later ones (`aws_cloudwatch_log_group.<id>`)
   */
  readonly terraformNames?: TerraformNames;
}

/** The note's `aws_cloudwatch_log_group.for_ecs`: where the containers' awslogs driver writes. */
export class EcsLogGroup extends Construct {
  /** The log group's name, as Terraform knows it. */
  public readonly logGroupName: string;
  /** The resource, for `dependsOn`: tasks fail to start when their log group does not exist yet. */
  public readonly logGroup: CloudwatchLogGroup;

  public constructor(scope: Construct, id: string, props: EcsLogGroupProps) {
    super(scope, id);
    const retentionInDays = props.retentionInDays ?? 180;

    const problems = new Problems(this);
    const names = resolveTerraformNames(this, "EcsLogGroup", props.terraformNames, problems);
    problems.check("name", props.name, awsName(512, /^[.\-_/#A-Za-z0-9]+$/, "letters, digits and ._-/#"));
    problems.check("retentionInDays", retentionInDays, oneOf<number>(LOG_RETENTION_DAYS));
    if (props.kmsKeyArn !== undefined) problems.check("kmsKeyArn", props.kmsKeyArn, kmsKeyArn);

    const logGroup = new CloudwatchLogGroup(this, "log_group", {
      name: props.name,
      retentionInDays,
      kmsKeyId: props.kmsKeyArn,
    });
    logGroup.overrideLogicalId(terraformName(names, "for_ecs", id));

    this.logGroupName = logGroup.name;
    this.logGroup = logGroup;
  }
}
