// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";
import { awsName, oneOf } from "../shared/rules";
import { Problems } from "../shared/validation";

/** The retention periods CloudWatch Logs accepts, in days (0: never expire). */
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export interface EcsLogGroupProps {
  /**
   * The log group's name; the containers' `awslogs-group` must name it.
   * @default "/ecs/example"
   */
  readonly name?: string;
  /**
   * How long logs are kept, in days.
   * @default 180
   */
  readonly retentionInDays?: number;
}

/** The note's `aws_cloudwatch_log_group.for_ecs`: where the containers' awslogs driver writes. */
export class EcsLogGroup extends Construct {
  public readonly logGroupName: string;
  public readonly logGroupArn: string;
  /** The resource, for `dependsOn`: tasks fail to start when their log group does not exist yet. */
  public readonly logGroup: CloudwatchLogGroup;

  public constructor(scope: Construct, id: string, props: EcsLogGroupProps = {}) {
    super(scope, id);
    const name = props.name ?? "/ecs/example";
    const retentionInDays = props.retentionInDays ?? 180;

    const problems = new Problems(this);
    problems.check("name", name, awsName(512, /^[.\-_/#A-Za-z0-9]+$/, "letters, digits and ._-/#"));
    problems.check("retentionInDays", retentionInDays, oneOf<number>(LOG_RETENTION_DAYS));

    const logGroup = new CloudwatchLogGroup(this, "log_group", { name, retentionInDays });
    logGroup.overrideLogicalId("for_ecs");

    // The name as given, not the resource attribute: the task definition compares it with the file.
    this.logGroupName = name;
    this.logGroupArn = logGroup.arn;
    this.logGroup = logGroup;
  }
}
