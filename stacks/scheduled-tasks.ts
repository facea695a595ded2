// The book's chapter 10 in a stack: the tasks an environment runs on a schedule, in its cluster and
// private subnets with its execution role, and the one role EventBridge runs them with. Present only
// when the environment has `scheduledTasks` (dev, the note, has none).
import * as path from "path";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ScheduledTasksSettings } from "../config";
import { EcsEventsRole, ScheduledFargateTask } from "../constructs/ecs";
import { Problems } from "../constructs/shared/validation";
import { declareBookMoves, SCHEDULED_TASK_MOVES } from "./book-moves";

/** What the stack's other constructs give the scheduled tasks. */
export interface ScheduledTasksWiring {
  readonly region: string;
  readonly clusterArn: string;
  /** The role ECS starts every task of the stack with: pull the image, write the logs. */
  readonly executionRoleArn: string;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  /** The stack's key for its log groups. @default none: CloudWatch's own */
  readonly kmsKeyArn?: string;
  /** The families of the stack's other task definitions (the service's), by the setting that names each. */
  readonly otherFamilies: Readonly<Record<string, string>>;
}

/** Adds the environment's scheduled tasks to `stack`: `ecsEventsRole`, and `scheduledTasks/<key>` for each task. */
export function addScheduledTasks(
  stack: TerraformStack,
  settings: ScheduledTasksSettings | undefined,
  wiring: ScheduledTasksWiring,
): ScheduledFargateTask[] {
  if (settings === undefined) return [];
  const eventsRole = new EcsEventsRole(stack, "ecsEventsRole", settings.eventsRole);
  // A stack applied from the book's chapter 10 keeps its role: the module's addresses move here.
  if (settings.eventsRole.terraformNames !== "own") declareBookMoves(stack, SCHEDULED_TASK_MOVES);

  const scope = new Construct(stack, "scheduledTasks");
  checkTasks(new Problems(scope), settings, wiring.otherFamilies);
  return Object.entries(settings.tasks).map(
    ([key, task]) =>
      new ScheduledFargateTask(scope, key, {
        ...task,
        taskDefinition: {
          ...task.taskDefinition,
          // Relative to the project root, where cdktf runs the app.
          containerDefinitionsFile: path.resolve(task.taskDefinition.containerDefinitionsFile),
          executionRoleArn: wiring.executionRoleArn,
          region: wiring.region,
        },
        logs: { ...task.logs, kmsKeyArn: wiring.kmsKeyArn },
        clusterArn: wiring.clusterArn,
        eventsRoleArn: eventsRole.iamRoleArn,
        subnetIds: wiring.subnetIds,
        securityGroupIds: wiring.securityGroupIds,
      }),
  );
}

/**
 * What no single task sees: at least one task; each its own family (a run takes its family's newest
 * revision, whoever registered it) and its own rule name (on the account's one default event bus).
 */
function checkTasks(
  problems: Problems,
  settings: ScheduledTasksSettings,
  otherFamilies: Readonly<Record<string, string>>,
): void {
  problems.check("tasks", settings.tasks, (tasks) =>
    Object.keys(tasks).length > 0 ? undefined : "must name at least one task (leave `scheduledTasks` out for none)",
  );
  const families = new Map(Object.entries(otherFamilies).map(([setting, family]) => [family, `\`${setting}\``]));
  const rules = new Map<string, string>();
  for (const [key, task] of Object.entries(settings.tasks)) {
    const at = `tasks.${key}`;
    const family = task.taskDefinition.family;
    const ruleName = task.ruleName ?? family;
    const familyOwner = families.get(family);
    if (familyOwner !== undefined) {
      problems.report(
        `${at}.taskDefinition.family`,
        `must be a family of its own: ${familyOwner} has it, and each run takes its family's newest revision`,
        family,
      );
    }
    families.set(family, families.get(family) ?? `\`scheduledTasks.${at}.taskDefinition.family\``);
    const ruleOwner = rules.get(ruleName);
    // A rule named after a family already reported is the same mistake: one line.
    if (ruleOwner !== undefined && !(familyOwner !== undefined && task.ruleName === undefined)) {
      problems.report(
        task.ruleName === undefined ? `${at}.taskDefinition.family` : `${at}.ruleName`,
        `must be a rule name of its own: \`scheduledTasks.${ruleOwner}\` has it (a rule is named after its family unless \`ruleName\` is given)`,
        ruleName,
      );
    }
    rules.set(ruleName, rules.get(ruleName) ?? at);
  }
}
