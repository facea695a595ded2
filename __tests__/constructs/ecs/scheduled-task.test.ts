// A task run on a schedule: the book's chapter 10 (log group, task definition, EventBridge rule and target).
import { ScheduledFargateTask, ScheduledFargateTaskProps } from "../../../constructs/ecs";
import { fixtureFile } from "../../helpers/container-definitions";
import { addresses, resolved, resource, synthJson, testStack, validationErrors } from "../../helpers/synth";

const CLUSTER = "arn:aws:ecs:ap-northeast-1:123456789012:cluster/example";
const EVENTS_ROLE = "arn:aws:iam::123456789012:role/ecs-events";
const EXECUTION_ROLE = "arn:aws:iam::123456789012:role/ecs-task-execution";

type Overrides = Partial<Omit<ScheduledFargateTaskProps, "taskDefinition" | "logs">> & {
  taskDefinition?: Partial<ScheduledFargateTaskProps["taskDefinition"]>;
  logs?: Partial<ScheduledFargateTaskProps["logs"]>;
};

function props(overrides: Overrides = {}): ScheduledFargateTaskProps {
  return {
    schedule: "cron(*/2 * * * ? *)",
    clusterArn: CLUSTER,
    eventsRoleArn: EVENTS_ROLE,
    subnetIds: ["subnet-0", "subnet-1"],
    securityGroupIds: ["sg-0"],
    ...overrides,
    taskDefinition: {
      family: "example-batch",
      containerDefinitionsFile: fixtureFile("batch"),
      executionRoleArn: EXECUTION_ROLE,
      region: "ap-northeast-1",
      ...overrides.taskDefinition,
    },
    logs: { name: "/ecs-scheduled-tasks/example", ...overrides.logs },
  };
}

function build(overrides: Overrides = {}, id = "batch") {
  const stack = testStack();
  const task = new ScheduledFargateTask(stack, id, props(overrides));
  return { stack, task, json: synthJson(stack) };
}

describe("ScheduledFargateTask", () => {
  describe("defaults", () => {
    it("has the book's addresses", () => {
      expect(addresses(build().json)).toEqual([
        "aws_cloudwatch_event_rule.example_batch",
        "aws_cloudwatch_event_target.example_batch",
        "aws_cloudwatch_log_group.for_ecs_scheduled_tasks",
        "aws_ecs_task_definition.example_batch",
      ]);
    });

    it("is a rule with the schedule, enabled, named after the family as the book names it", () => {
      expect(resource(build().json, "aws_cloudwatch_event_rule", "example_batch")).toEqual({
        name: "example-batch",
        schedule_expression: "cron(*/2 * * * ? *)",
        state: "ENABLED",
      });
    });

    it("targets the cluster with the events role: one Fargate task on 1.4.0, in the private subnets, no public IP", () => {
      expect(resource(build().json, "aws_cloudwatch_event_target", "example_batch")).toEqual({
        rule: "${aws_cloudwatch_event_rule.example_batch.name}",
        target_id: "example-batch",
        arn: CLUSTER,
        role_arn: EVENTS_ROLE,
        ecs_target: {
          launch_type: "FARGATE",
          platform_version: "1.4.0",
          task_count: 1,
          task_definition_arn: "${aws_ecs_task_definition.example_batch.arn_without_revision}",
          propagate_tags: "TASK_DEFINITION",
          network_configuration: {
            assign_public_ip: false,
            subnets: ["subnet-0", "subnet-1"],
            security_groups: ["sg-0"],
          },
        },
      });
    });

    it("runs the newest ACTIVE revision of the family: the target names no revision", () => {
      const { stack, task, json } = build();
      const target = resource(json, "aws_cloudwatch_event_target", "example_batch");
      expect(target.ecs_target.task_definition_arn).not.toContain(".arn}");
      expect(resolved(stack, task.taskDefinitionFamilyArn)).toBe(
        "${aws_ecs_task_definition.example_batch.arn_without_revision}",
      );
    });

    it("gives the task definition its own containers, logging to its own log group, which it waits for", () => {
      const { json } = build();
      const taskDefinition = resource(json, "aws_ecs_task_definition", "example_batch");
      expect(taskDefinition).toMatchObject({
        family: "example-batch",
        cpu: "256",
        memory: "512",
        network_mode: "awsvpc",
        requires_compatibilities: ["FARGATE"],
        execution_role_arn: EXECUTION_ROLE,
        depends_on: ["aws_cloudwatch_log_group.for_ecs_scheduled_tasks"],
      });
      const [container] = JSON.parse(taskDefinition.container_definitions);
      expect(container).toMatchObject({ name: "alpine", command: ["/bin/date"] });
      expect(container.logConfiguration.options).toEqual({
        "awslogs-stream-prefix": "batch",
        "awslogs-group": "/ecs-scheduled-tasks/example",
        "awslogs-region": "ap-northeast-1",
      });
      expect(resource(json, "aws_cloudwatch_log_group", "for_ecs_scheduled_tasks")).toEqual({
        name: "/ecs-scheduled-tasks/example",
        retention_in_days: 180,
      });
    });

    it("exposes the rule's name, the family and the log group's name", () => {
      const { stack, task } = build();
      expect(resolved(stack, task.ruleName)).toBe("${aws_cloudwatch_event_rule.example_batch.name}");
      expect(task.family).toBe("example-batch");
      expect(resolved(stack, task.logGroupName)).toBe("${aws_cloudwatch_log_group.for_ecs_scheduled_tasks.name}");
    });

    it("accepts valid input", () => {
      expect(validationErrors(build().stack)).toEqual([]);
    });
  });

  describe("overrides", () => {
    it("takes a rule name, a description, a rate, a task count, a platform version and a size", () => {
      const { json, stack } = build({
        ruleName: "nightly-report",
        description: "The nightly report",
        schedule: "rate(1 day)",
        taskCount: 2,
        platformVersion: "LATEST",
        taskDefinition: { cpu: 512, memoryMiB: 2048 },
        logs: { retentionInDays: 365, kmsKeyArn: "arn:aws:kms:ap-northeast-1:123456789012:key/abcd" },
      });
      expect(validationErrors(stack)).toEqual([]);
      expect(resource(json, "aws_cloudwatch_event_rule", "example_batch")).toEqual({
        name: "nightly-report",
        description: "The nightly report",
        schedule_expression: "rate(1 day)",
        state: "ENABLED",
      });
      expect(resource(json, "aws_cloudwatch_event_target", "example_batch")).toMatchObject({
        target_id: "nightly-report",
        ecs_target: expect.objectContaining({ task_count: 2, platform_version: "LATEST" }),
      });
      expect(resource(json, "aws_ecs_task_definition", "example_batch")).toMatchObject({ cpu: "512", memory: "2048" });
      expect(resource(json, "aws_cloudwatch_log_group", "for_ecs_scheduled_tasks")).toMatchObject({
        retention_in_days: 365,
        kms_key_id: "arn:aws:kms:ap-northeast-1:123456789012:key/abcd",
      });
    });

    it("pauses the schedule when disabled, and keeps every resource", () => {
      const { json } = build({ enabled: false });
      expect(resource(json, "aws_cloudwatch_event_rule", "example_batch").state).toBe("DISABLED");
      expect(addresses(json)).toEqual(addresses(build().json));
    });

    it("gives a second scheduled task addresses from its id", () => {
      const stack = testStack();
      new ScheduledFargateTask(stack, "batch", props());
      new ScheduledFargateTask(
        stack,
        "report",
        props({ taskDefinition: { family: "example-report" }, logs: { name: "/ecs-scheduled-tasks/report" } }),
      );
      const json = synthJson(stack);
      expect(addresses(json).filter((a) => !a.includes("example_batch") && !a.includes("for_ecs_scheduled"))).toEqual([
        "aws_cloudwatch_event_rule.report",
        "aws_cloudwatch_event_target.report",
        "aws_cloudwatch_log_group.report",
        "aws_ecs_task_definition.report",
      ]);
      expect(resource(json, "aws_cloudwatch_event_target", "report").ecs_target.task_definition_arn).toBe(
        "${aws_ecs_task_definition.report.arn_without_revision}",
      );
      expect(resource(json, "aws_cloudwatch_event_target", "report").rule).toBe(
        "${aws_cloudwatch_event_rule.report.name}",
      );
      expect(validationErrors(stack)).toEqual([]);
    });
  });

  describe("validation", () => {
    it.each<[string, Overrides, string]>([
      [
        "Unix's five-field cron",
        { schedule: "cron(0 3 * * *)" },
        'test/batch: `schedule` must have six fields in cron(<minutes> <hours> <day of month> <month> <day of week> <year>), not 5, got: "cron(0 3 * * *)"',
      ],
      [
        "both day fields of a cron",
        { schedule: "cron(0 3 * * MON *)" },
        'test/batch: `schedule` must have ? in exactly one of its day-of-month and day-of-week fields (cron(0 3 * * ? *): every day at 03:00), got: "cron(0 3 * * MON *)"',
      ],
      [
        "a plural unit for 1",
        { schedule: "rate(1 minutes)" },
        'test/batch: `schedule` must have a singular unit for 1: rate(1 minute), got: "rate(1 minutes)"',
      ],
      [
        "a singular unit above 1",
        { schedule: "rate(2 minute)" },
        'test/batch: `schedule` must have a plural unit above 1: rate(2 minutes), got: "rate(2 minute)"',
      ],
      [
        "a unit rate() does not take",
        { schedule: "rate(1 week)" },
        'test/batch: `schedule` must have a unit of minute(s), hour(s) or day(s) in rate(), got: "rate(1 week)"',
      ],
      [
        "a rate below 1",
        { schedule: "rate(0 hours)" },
        'test/batch: `schedule` must have a value of 1 or more in rate(), got: "rate(0 hours)"',
      ],
      [
        "a one-time schedule",
        { schedule: "at(2027-01-01T03:00:00)" },
        'test/batch: `schedule` must be cron(<minutes> <hours> <day of month> <month> <day of week> <year>) or rate(<value> <unit>): EventBridge rules have no one-time at() schedule, got: "at(2027-01-01T03:00:00)"',
      ],
      [
        "a rule name with a space",
        { ruleName: "nightly report" },
        'test/batch: `ruleName` must be 1 to 64 characters of letters, digits and .-_, got: "nightly report"',
      ],
      [
        "a family too long for a rule name, when the rule takes the family's",
        { taskDefinition: { family: "b".repeat(65) } },
        `test/batch: \`ruleName\` must be 1 to 64 characters of letters, digits and .-_, got: "${"b".repeat(65)}"`,
      ],
      [
        "a description longer than EventBridge keeps",
        { description: "d".repeat(513) },
        `test/batch: \`description\` must be at most 512 characters, got: "${"d".repeat(513)}"`,
      ],
      [
        "a retired platform version",
        { platformVersion: "1.3.0" },
        'test/batch: `platformVersion` must be LATEST or 1.4.0: AWS retired 1.3.0 and older (1.3.0 on 2026-03-16), no new services or tasks run on them, got: "1.3.0"',
      ],
      ["no task", { taskCount: 0 }, "test/batch: `taskCount` must be a whole number from 1 to 10, got: 0"],
      [
        "more tasks than RunTask starts",
        { taskCount: 11 },
        "test/batch: `taskCount` must be a whole number from 1 to 10, got: 11",
      ],
      ["no subnet", { subnetIds: [] }, "test/batch: `subnetIds` must not be empty, got: []"],
      ["no security group", { securityGroupIds: [] }, "test/batch: `securityGroupIds` must not be empty, got: []"],
      [
        "a task size Fargate does not offer (the task definition's own rule)",
        { taskDefinition: { cpu: 256, memoryMiB: 4096 } },
        "test/batch/taskDefinition: `memoryMiB` must be one of 512, 1024, 2048 when `cpu` is 256, got: 4096",
      ],
      [
        "a CPU size Fargate does not offer",
        { taskDefinition: { cpu: 300 } },
        "test/batch/taskDefinition: `cpu` must be one of 256, 512, 1024, 2048, 4096, 8192, 16384, got: 300",
      ],
      [
        "a log retention CloudWatch does not offer (the log group's own rule)",
        { logs: { retentionInDays: 100 } },
        "test/batch/logs: `retentionInDays` must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got: 100",
      ],
    ])("reports %s in one line", (_, overrides, line) => {
      expect(validationErrors(build(overrides).stack)).toEqual([line]);
    });

    it("names an id that cannot name a later task's addresses", () => {
      expect(validationErrors(build({}, "nightly report").stack)).toEqual([
        'test/nightly report: `id` must be a Terraform name: a letter or underscore, then letters, digits, underscores and hyphens, got: "nightly report"',
      ]);
    });

    it("checks the containers' awslogs group against its own log group", () => {
      const { stack } = build({ taskDefinition: { containerDefinitionsFile: fixtureFile("nginx") } });
      expect(validationErrors(stack)).toEqual([
        '__tests__/fixtures/container-definitions/nginx.json[0].logConfiguration.options.awslogs-group: must be the log group the stack creates ("/ecs-scheduled-tasks/example"), got: "/ecs/example"',
      ]);
    });

    it("reports every problem together", () => {
      expect(validationErrors(build({ schedule: "rate(2 hour)", taskCount: 0 }).stack)).toEqual([
        'test/batch: `schedule` must have a plural unit above 1: rate(2 hours), got: "rate(2 hour)"',
        "test/batch: `taskCount` must be a whole number from 1 to 10, got: 0",
      ]);
    });
  });
});
