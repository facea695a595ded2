// The book's chapter 10 in the stacks: prod's nightly job under the book's addresses, a second task
// under its key's, dev (the note) without any, and every mistake in the settings in one line.
import * as fs from "fs";
import { Testing } from "cdktf";
import { EnvironmentSettings, ScheduledTaskSettings } from "../../config";
import { dev } from "../../config/environments/dev";
import { prod } from "../../config/environments/prod";
import { addEnvironmentStacks } from "../../stacks/app";
import { EcsFargateStack } from "../../stacks/ecs-fargate-stack";
import { fixtureFile } from "../helpers/container-definitions";
import { settingsWith } from "../helpers/settings";
import {
  addresses,
  capturedStderr,
  dataSource,
  resource,
  synthJson,
  synthesizeInFolder,
  validationErrors,
} from "../helpers/synth";

/** prod with its scheduled tasks replaced (the events role kept). */
function prodWithTasks(tasks: Record<string, unknown>): EnvironmentSettings {
  return { ...prod, scheduledTasks: { eventsRole: { name: "ecs-events-prod" }, tasks } } as EnvironmentSettings;
}

/** prod's nightly job with some settings changed (any value, as a settings file with a mistake holds it). */
function batchWith(patch: Record<string, unknown>): Record<string, unknown> {
  const batch = prod.scheduledTasks?.tasks.batch as ScheduledTaskSettings;
  return { ...batch, ...patch };
}

/** A second task: the tests' own file of the book's batch container, its own family, log group and schedule. */
const REPORT: ScheduledTaskSettings = {
  schedule: "rate(6 hours)",
  taskDefinition: { family: "example-prod-report", containerDefinitionsFile: fixtureFile("batch") },
  logs: { name: "/ecs-scheduled-tasks/example-prod-report", retentionInDays: 365 },
};

const BOOK_ADDRESSES = [
  "aws_cloudwatch_event_rule.example_batch",
  "aws_cloudwatch_event_target.example_batch",
  "aws_cloudwatch_log_group.for_ecs_scheduled_tasks",
  "aws_ecs_task_definition.example_batch",
  "aws_iam_policy.ecs_events_role",
  "aws_iam_role.ecs_events_role",
  "aws_iam_role_policy_attachment.ecs_events_role",
  "data.aws_iam_policy.ecs_events_role_policy",
  "data.aws_iam_policy_document.ecs_events_role_assume_role",
];

describe("scheduled tasks in the stacks", () => {
  describe("prod's nightly job", () => {
    const stack = new EcsFargateStack(Testing.app(), prod);
    const json = synthJson(stack);

    it("synthesizes with no problem", () => {
      expect(validationErrors(stack)).toEqual([]);
    });

    it("takes the book's addresses: the log group, the task definition, the rule, the target and module.ecs_events_role", () => {
      expect(addresses(json).filter((a) => /event|batch|scheduled/.test(a))).toEqual(BOOK_ADDRESSES);
    });

    it("runs at 03:00 UTC every day, enabled, under its family's name", () => {
      expect(resource(json, "aws_cloudwatch_event_rule", "example_batch")).toEqual({
        name: "example-prod-batch",
        description: "The nightly batch job of ecs-fargate-prod",
        schedule_expression: "cron(0 3 * * ? *)",
        state: "ENABLED",
      });
    });

    it("runs in the stack's cluster with the events role, in the private subnets and the containers' group", () => {
      const target = resource(json, "aws_cloudwatch_event_target", "example_batch");
      expect(target).toMatchObject({
        target_id: "example-prod-batch",
        arn: "${aws_ecs_cluster.example.arn}",
        role_arn: "${aws_iam_role.ecs_events_role.arn}",
      });
      // The construct's own tests hold the rest of the target (Fargate, 1.4.0, one task, no public IP).
      expect(target.ecs_target.task_definition_arn).toBe(
        "${aws_ecs_task_definition.example_batch.arn_without_revision}",
      );
      expect(target.ecs_target.network_configuration.subnets).toEqual([
        "${aws_subnet.private_0.id}",
        "${aws_subnet.private_1.id}",
      ]);
      expect(target.ecs_target.network_configuration.security_groups).toEqual(["${aws_security_group.nginx_sg.id}"]);
    });

    it("has a task definition of its own file, with the stack's execution role, logging to its own encrypted group", () => {
      const taskDefinition = resource(json, "aws_ecs_task_definition", "example_batch");
      expect(taskDefinition.family).toBe("example-prod-batch");
      expect(taskDefinition.execution_role_arn).toBe("${aws_iam_role.ecs_task_execution_role.arn}");
      expect(taskDefinition.task_role_arn).toBeUndefined();
      const file = JSON.parse(fs.readFileSync("container_definitions.prod.batch.json", "utf8"));
      const containers = JSON.parse(taskDefinition.container_definitions);
      expect(containers.map((c: { name: string }) => c.name)).toEqual(file.map((c: { name: string }) => c.name));
      expect(containers[0].image).toBe("public.ecr.aws/docker/library/alpine:3.21.3");
      expect(containers[0].logConfiguration.options).toMatchObject({
        "awslogs-group": "/ecs-scheduled-tasks/example-prod",
        "awslogs-region": "ap-northeast-1",
      });
      expect(resource(json, "aws_cloudwatch_log_group", "for_ecs_scheduled_tasks")).toEqual({
        name: "/ecs-scheduled-tasks/example-prod",
        retention_in_days: 365,
        kms_key_id: "${aws_kms_key.example.arn}",
      });
    });

    it("is run by the iam_role module for events.amazonaws.com with AmazonEC2ContainerServiceEventsRole", () => {
      expect(dataSource(json, "aws_iam_policy", "ecs_events_role_policy").arn).toBe(
        "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceEventsRole",
      );
      expect(resource(json, "aws_iam_role", "ecs_events_role").name).toBe("ecs-events-prod");
      expect(resource(json, "aws_iam_policy", "ecs_events_role").policy).toBe(
        "${data.aws_iam_policy.ecs_events_role_policy.policy}",
      );
    });

    it("moves the book's module.ecs_events_role in, as it does the chapter's other modules", () => {
      const moved = (json as { moved?: { from: string; to: string }[] }).moved ?? [];
      expect(moved.filter((m) => m.from.startsWith("module.ecs_events_role."))).toEqual([
        { from: "module.ecs_events_role.aws_iam_role.default", to: "aws_iam_role.ecs_events_role" },
        { from: "module.ecs_events_role.aws_iam_policy.default", to: "aws_iam_policy.ecs_events_role" },
        {
          from: "module.ecs_events_role.aws_iam_role_policy_attachment.default",
          to: "aws_iam_role_policy_attachment.ecs_events_role",
        },
      ]);
    });
  });

  it("dev, the note, has none, and no events role", () => {
    const json = synthJson(new EcsFargateStack(Testing.app(), dev));
    expect(addresses(json).filter((a) => /event|batch|scheduled/.test(a))).toEqual([]);
  });

  it("a second task takes its key's addresses and its own names; both share the events role", () => {
    const settings = prodWithTasks({ batch: prod.scheduledTasks?.tasks.batch, report: REPORT });
    const stack = new EcsFargateStack(Testing.app(), settings);
    const json = synthJson(stack);
    expect(validationErrors(stack)).toEqual([]);
    expect(addresses(json).filter((a) => /event|batch|scheduled|report/.test(a))).toEqual(
      [
        ...BOOK_ADDRESSES,
        "aws_cloudwatch_event_rule.report",
        "aws_cloudwatch_event_target.report",
        "aws_cloudwatch_log_group.report",
        "aws_ecs_task_definition.report",
      ].sort(),
    );
    expect(resource(json, "aws_cloudwatch_event_rule", "report")).toMatchObject({
      name: "example-prod-report",
      schedule_expression: "rate(6 hours)",
    });
    expect(resource(json, "aws_cloudwatch_event_target", "report")).toMatchObject({
      rule: "${aws_cloudwatch_event_rule.report.name}",
      target_id: "example-prod-report",
      role_arn: "${aws_iam_role.ecs_events_role.arn}",
      ecs_target: expect.objectContaining({
        task_definition_arn: "${aws_ecs_task_definition.report.arn_without_revision}",
      }),
    });
    expect(resource(json, "aws_cloudwatch_log_group", "report").name).toBe("/ecs-scheduled-tasks/example-prod-report");
    expect(resource(json, "aws_ecs_task_definition", "report").family).toBe("example-prod-report");
  });

  it("a disabled task keeps its resources and pauses its rule", () => {
    const json = synthJson(new EcsFargateStack(Testing.app(), prodWithTasks({ batch: batchWith({ enabled: false }) })));
    expect(resource(json, "aws_cloudwatch_event_rule", "example_batch").state).toBe("DISABLED");
    expect(addresses(json).filter((a) => /event|batch|scheduled/.test(a))).toEqual(BOOK_ADDRESSES);
  });

  describe("the synth checks: one line each, under the setting's path in config/environments/prod.ts", () => {
    const stderr = capturedStderr();

    const AT = "config/environments/prod.ts: `scheduledTasks.tasks.batch";
    it.each<[string, EnvironmentSettings, string]>([
      [
        "Unix's five-field cron",
        prodWithTasks({ batch: batchWith({ schedule: "cron(0 3 * * *)" }) }),
        `${AT}.schedule\` must have six fields in cron(<minutes> <hours> <day of month> <month> <day of week> <year>), not 5, got: "cron(0 3 * * *)"`,
      ],
      [
        "a cron with both day fields",
        prodWithTasks({ batch: batchWith({ schedule: "cron(0 3 1 * MON *)" }) }),
        `${AT}.schedule\` must have ? in exactly one of its day-of-month and day-of-week fields (cron(0 3 * * ? *): every day at 03:00), got: "cron(0 3 1 * MON *)"`,
      ],
      [
        "rate() with a plural unit for 1",
        prodWithTasks({ batch: batchWith({ schedule: "rate(1 minutes)" }) }),
        `${AT}.schedule\` must have a singular unit for 1: rate(1 minute), got: "rate(1 minutes)"`,
      ],
      [
        "rate() with a singular unit above 1",
        prodWithTasks({ batch: batchWith({ schedule: "rate(2 minute)" }) }),
        `${AT}.schedule\` must have a plural unit above 1: rate(2 minutes), got: "rate(2 minute)"`,
      ],
      [
        "rate() in weeks",
        prodWithTasks({ batch: batchWith({ schedule: "rate(2 weeks)" }) }),
        `${AT}.schedule\` must have a unit of minute(s), hour(s) or day(s) in rate(), got: "rate(2 weeks)"`,
      ],
      [
        "rate() below 1",
        prodWithTasks({ batch: batchWith({ schedule: "rate(0 minutes)" }) }),
        `${AT}.schedule\` must have a value of 1 or more in rate(), got: "rate(0 minutes)"`,
      ],
      [
        "a time zone, which an EventBridge rule does not take",
        prodWithTasks({ batch: batchWith({ timezone: "Asia/Tokyo" }) }),
        `${AT}.timezone\` is not a known setting: an EventBridge rule has no time zone and reads cron() in UTC: write the schedule in UTC (03:00 in Asia/Tokyo is cron(0 18 * * ? *)), got: "Asia/Tokyo"`,
      ],
      [
        "a task size Fargate does not offer",
        prodWithTasks({
          batch: batchWith({
            taskDefinition: { ...prod.scheduledTasks?.tasks.batch?.taskDefinition, memoryMiB: 4096 },
          }),
        }),
        `${AT}.taskDefinition.memoryMiB\` must be one of 512, 1024, 2048 when \`cpu\` is 256, got: 4096`,
      ],
      [
        "a log retention CloudWatch does not offer",
        prodWithTasks({
          batch: batchWith({ logs: { name: "/ecs-scheduled-tasks/example-prod", retentionInDays: 100 } }),
        }),
        `${AT}.logs.retentionInDays\` must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got: 100`,
      ],
      [
        "a rule name EventBridge does not take",
        prodWithTasks({ batch: batchWith({ ruleName: "nightly batch" }) }),
        `${AT}.ruleName\` must be 1 to 64 characters of letters, digits and .-_, got: "nightly batch"`,
      ],
      [
        "a retired platform version",
        prodWithTasks({ batch: batchWith({ platformVersion: "1.3.0" }) }),
        `${AT}.platformVersion\` must be LATEST or 1.4.0: AWS retired 1.3.0 and older (1.3.0 on 2026-03-16), no new services or tasks run on them, got: "1.3.0"`,
      ],
      [
        "a misspelt setting",
        prodWithTasks({ batch: batchWith({ schedul: "rate(1 day)" }) }),
        `${AT}.schedul\` is not a known setting (did you mean \`schedule\`?), got: "rate(1 day)"`,
      ],
      [
        "a count written as a string",
        prodWithTasks({ batch: batchWith({ taskCount: "1" }) }),
        `${AT}.taskCount\` must be a number, got: "1" (a string, expected a number)`,
      ],
      [
        "a key that cannot name a later task's addresses",
        prodWithTasks({ batch: prod.scheduledTasks?.tasks.batch, "nightly report": REPORT }),
        'config/environments/prod.ts: `scheduledTasks.tasks.nightly report` must be a Terraform name: a letter or underscore, then letters, digits, underscores and hyphens, got: "nightly report"',
      ],
      [
        "no task",
        prodWithTasks({}),
        "config/environments/prod.ts: `scheduledTasks.tasks` must name at least one task (leave `scheduledTasks` out for none), got: {}",
      ],
      [
        "the service's family",
        prodWithTasks({ batch: batchWith({ taskDefinition: { ...REPORT.taskDefinition, family: "example-prod" } }) }),
        `${AT}.taskDefinition.family\` must be a family of its own: \`taskDefinition.family\` has it, and each run takes its family's newest revision, got: "example-prod"`,
      ],
      [
        "a family two tasks share",
        prodWithTasks({
          batch: prod.scheduledTasks?.tasks.batch,
          report: { ...REPORT, taskDefinition: { ...REPORT.taskDefinition, family: "example-prod-batch" } },
        }),
        'config/environments/prod.ts: `scheduledTasks.tasks.report.taskDefinition.family` must be a family of its own: `scheduledTasks.tasks.batch.taskDefinition.family` has it, and each run takes its family\'s newest revision, got: "example-prod-batch"',
      ],
      [
        "a rule name two tasks share",
        prodWithTasks({
          batch: prod.scheduledTasks?.tasks.batch,
          report: { ...REPORT, ruleName: "example-prod-batch" },
        }),
        'config/environments/prod.ts: `scheduledTasks.tasks.report.ruleName` must be a rule name of its own: `scheduledTasks.tasks.batch` has it (a rule is named after its family unless `ruleName` is given), got: "example-prod-batch"',
      ],
      [
        "the events role's name",
        settingsWith({ scheduledTasks: { eventsRole: { name: "ecs events" } } }, prod),
        'config/environments/prod.ts: `scheduledTasks.eventsRole.name` must be 1 to 64 characters of letters, digits and +=,.@_-, got: "ecs events"',
      ],
    ])("%s", (_, settings, line) => {
      const { ok, printed, files } = synthesizeInFolder((app) => addEnvironmentStacks(app, [settings], {}), stderr());
      expect(ok).toBe(false);
      expect(printed).toBe(`1 problem in the stack's input; nothing was synthesized:\n  ${line}\n`);
      expect(files).toEqual([]);
    });
  });
});
