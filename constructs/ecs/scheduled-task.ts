// A task run on a schedule (the book's chapter 10, "batch"): its log group, its task definition,
// an EventBridge rule with a cron() or rate() schedule, and the rule's target, which runs the task
// on Fargate in private subnets with the role EventBridge assumes (`EcsEventsRole`).
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/scheduled_tasks.html
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-rule-schedule.html
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { Construct } from "constructs";
import { LogGroup, LogGroupProps } from "../log-group";
import { resolveTerraformNames, terraformName, TerraformNames } from "../shared/addresses";
import { awsName, nonEmpty, wholeNumber } from "../shared/rules";
import { ruleScheduleExpression } from "../shared/schedule";
import { Problems } from "../shared/validation";
import { terraformIdentifier } from "./arns";
import { platformVersionRule } from "./platform-version";
import { FargateTaskDefinition, FargateTaskDefinitionProps } from "./task-definition";

/** The scheduled task's task definition: its own containers file and family; its awslogs go to `logs`. */
export type ScheduledTaskDefinitionProps = Omit<
  FargateTaskDefinitionProps,
  "logGroupName" | "dependsOn" | "terraformName" | "terraformNames"
>;

/** The scheduled task's log group, where its containers' awslogs driver writes. */
export type ScheduledTaskLogsProps = Omit<LogGroupProps, "terraformName" | "terraformNames">;

export interface ScheduledFargateTaskProps {
  /**
   * When the task runs, in UTC: `cron(<minutes> <hours> <day of month> <month> <day of week> <year>)`
   * (`cron(0 3 * * ? *)`: every day at 03:00 UTC) or `rate(<value> <unit>)` (`rate(1 hour)`,
   * `rate(2 hours)`). An EventBridge rule has no time zone: 03:00 in Tokyo is `cron(0 18 * * ? *)`.
   */
  readonly schedule: string;
  /** The task definition (the book's `example_batch`): its containers file, family and size. */
  readonly taskDefinition: ScheduledTaskDefinitionProps;
  /** The log group the containers write to (the book's `/ecs-scheduled-tasks/example`). */
  readonly logs: ScheduledTaskLogsProps;
  /** The cluster the task runs in: the target's `arn`. */
  readonly clusterArn: string;
  /** The role EventBridge assumes to run the task (`EcsEventsRole`): the target's `role_arn`. */
  readonly eventsRoleArn: string;
  /** The private subnets the task runs in (no public IP). */
  readonly subnetIds: string[];
  /** The security groups of the task's network interface. */
  readonly securityGroupIds: string[];
  /**
   * The rule's name, unique on the account's default event bus in the region; the target's id too.
   * @default the task definition's family (the book names both `example-batch`)
   */
  readonly ruleName?: string;
  /**
   * The rule's description, shown in the console.
   * @default none
   */
  readonly description?: string;
  /**
   * Whether the rule runs the task: `false` keeps every resource (the log group and its logs, the
   * task definition) and pauses the schedule (the rule's `state` is `DISABLED`).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * The Fargate platform version, pinned: `LATEST` is not always the newest.
   * @default "1.4.0", as the service's
   */
  readonly platformVersion?: string;
  /**
   * How many tasks each run starts.
   * @default 1 (the book's)
   */
  readonly taskCount?: number;
  /**
   * The Terraform names of the resources.
   * @default "note" for the stack's first scheduled task (the book's `aws_cloudwatch_log_group.for_ecs_scheduled_tasks`, `aws_ecs_task_definition.example_batch`, `aws_cloudwatch_event_rule.example_batch`, `aws_cloudwatch_event_target.example_batch`), "own" for later ones (each `<type>.<id>`)
   */
  readonly terraformNames?: TerraformNames;
}

/** An EventBridge rule's (and target's) name: 1 to 64 letters, digits and `.-_`. */
const eventRuleName = awsName(64, /^[.\-_A-Za-z0-9]+$/, "letters, digits and .-_");

/**
 * The book's `aws_cloudwatch_log_group.for_ecs_scheduled_tasks`, `aws_ecs_task_definition.example_batch`,
 * `aws_cloudwatch_event_rule.example_batch` and `aws_cloudwatch_event_target.example_batch`.
 */
export class ScheduledFargateTask extends Construct {
  /** The rule's name: `aws events describe-rule --name <it>`. */
  public readonly ruleName: string;
  /** The family every run takes its newest ACTIVE revision of. */
  public readonly family: string;
  /** The family's ARN, without a revision: what the target runs. */
  public readonly taskDefinitionFamilyArn: string;
  public readonly logGroupName: string;

  public constructor(scope: Construct, id: string, props: ScheduledFargateTaskProps) {
    super(scope, id);
    const ruleName = props.ruleName ?? props.taskDefinition.family;
    const enabled = props.enabled ?? true;
    const platformVersion = props.platformVersion ?? "1.4.0";
    const taskCount = props.taskCount ?? 1;

    const problems = new Problems(this);
    const names = resolveTerraformNames(this, "ScheduledFargateTask", props.terraformNames, problems);
    const named = (bookName: string) => terraformName(names, bookName, id);
    // A later task's addresses are its id's.
    problems.check("id", id, terraformIdentifier);
    problems.check("schedule", props.schedule, ruleScheduleExpression);
    problems.check("ruleName", ruleName, eventRuleName);
    if (props.description !== undefined) {
      problems.check("description", props.description, (d) =>
        d.length <= 512 ? undefined : "must be at most 512 characters",
      );
    }
    problems.check("platformVersion", platformVersion, platformVersionRule);
    problems.check("taskCount", taskCount, wholeNumber(1, 10));
    problems.check("subnetIds", props.subnetIds, nonEmpty);
    problems.check("securityGroupIds", props.securityGroupIds, nonEmpty);

    const logGroup = new LogGroup(this, "logs", { ...props.logs, terraformName: named("for_ecs_scheduled_tasks") });
    const taskDefinition = new FargateTaskDefinition(this, "taskDefinition", {
      ...props.taskDefinition,
      logGroupName: props.logs.name,
      // Tasks never start logging to a group that does not exist yet.
      dependsOn: [logGroup.logGroup],
      terraformName: named("example_batch"),
    });

    const rule = new CloudwatchEventRule(this, "rule", {
      name: ruleName,
      description: props.description,
      scheduleExpression: props.schedule,
      state: enabled ? "ENABLED" : "DISABLED",
    });
    rule.overrideLogicalId(named("example_batch"));

    new CloudwatchEventTarget(this, "target", {
      rule: rule.name,
      targetId: ruleName,
      arn: props.clusterArn,
      roleArn: props.eventsRoleArn,
      ecsTarget: {
        launchType: "FARGATE",
        // Pinned, as the service's: the book's 1.3.0 is retired.
        platformVersion,
        taskCount,
        // The family without a revision: each run takes its newest ACTIVE revision, whoever
        // registered it. A revision Terraform registers, or a release, reaches the next run with no
        // change to the target, and Terraform's plan stays clean after a release.
        taskDefinitionArn: taskDefinition.taskDefinitionFamilyArn,
        // The task definition's tags (the provider's default tags) reach each task it runs.
        propagateTags: "TASK_DEFINITION",
        networkConfiguration: {
          assignPublicIp: false, // private subnets, as the service's tasks
          subnets: props.subnetIds,
          securityGroups: props.securityGroupIds,
        },
      },
    }).overrideLogicalId(named("example_batch"));

    this.ruleName = rule.name;
    this.family = props.taskDefinition.family;
    this.taskDefinitionFamilyArn = taskDefinition.taskDefinitionFamilyArn;
    this.logGroupName = logGroup.logGroupName;
  }
}
