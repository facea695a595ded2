import { ECS_EXEC_STATEMENT, TaskRole, TaskRoleProps } from "../../../constructs/ecs";
import { addresses, dataSource, resolved, resource, synthJson, testStack, validationErrors } from "../../helpers/synth";

const LOG_GROUP = "arn:aws:logs:ap-northeast-1:123456789012:log-group:/ecs/example";
const EXEC = { enableExecuteCommand: true, execLogGroupArn: LOG_GROUP };
const READ_CONFIG = { effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::example-config/*"] };

function build(overrides: Partial<TaskRoleProps> = {}) {
  const stack = testStack();
  const role = new TaskRole(stack, "task_role", { name: "ecs-task", ...overrides });
  return { stack, role, json: synthJson(stack) };
}

describe("TaskRole", () => {
  describe("defaults", () => {
    it("is the iam_role module instance ecs_task_role, for ecs-tasks.amazonaws.com, with no permissions", () => {
      const { json, stack } = build();
      expect(addresses(json)).toEqual([
        "aws_iam_role.ecs_task_role",
        "data.aws_iam_policy_document.ecs_task_role_assume_role",
      ]);
      expect(resource(json, "aws_iam_role", "ecs_task_role")).toEqual({
        name: "ecs-task",
        assume_role_policy: "${data.aws_iam_policy_document.ecs_task_role_assume_role.json}",
      });
      expect(dataSource(json, "aws_iam_policy_document", "ecs_task_role_assume_role").statement[0].principals).toEqual([
        { type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] },
      ]);
      expect(validationErrors(stack)).toEqual([]);
    });

    it("exposes the role's ARN and name: the module's outputs", () => {
      const { stack, role } = build();
      expect(resolved(stack, role.iamRoleArn)).toBe("${aws_iam_role.ecs_task_role.arn}");
      expect(resolved(stack, role.iamRoleName)).toBe("${aws_iam_role.ecs_task_role.name}");
    });
  });

  describe("overrides", () => {
    it("attaches the application's statements as data.aws_iam_policy_document.ecs_task", () => {
      const { json } = build({ statements: [READ_CONFIG] });
      expect(addresses(json)).toEqual([
        "aws_iam_policy.ecs_task_role",
        "aws_iam_role.ecs_task_role",
        "aws_iam_role_policy_attachment.ecs_task_role",
        "data.aws_iam_policy_document.ecs_task",
        "data.aws_iam_policy_document.ecs_task_role_assume_role",
      ]);
      expect(dataSource(json, "aws_iam_policy_document", "ecs_task")).toEqual({ statement: [READ_CONFIG] });
      expect(resource(json, "aws_iam_policy", "ecs_task_role")).toEqual({
        name: "ecs-task",
        policy: "${data.aws_iam_policy_document.ecs_task.json}",
      });
    });

    it("with ECS Exec, allows exactly the four ssmmessages channel actions, on * as AWS documents, and session logging to its group", () => {
      const { json } = build(EXEC);
      expect(dataSource(json, "aws_iam_policy_document", "ecs_task").statement).toEqual([
        {
          sid: "EcsExec",
          effect: "Allow",
          actions: [
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel",
          ],
          resources: ["*"],
        },
        {
          sid: "EcsExecLogGroups",
          effect: "Allow",
          actions: ["logs:DescribeLogGroups"],
          resources: ['${join(":", slice(split(":", "LOG_GROUP"), 0, 5))}:log-group:*'.replace("LOG_GROUP", LOG_GROUP)],
        },
        {
          sid: "EcsExecLogging",
          effect: "Allow",
          actions: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
          resources: [`${LOG_GROUP}:log-stream:*`],
        },
      ]);
    });

    it("puts the ECS Exec statements after the application's", () => {
      const { json } = build({ statements: [READ_CONFIG], ...EXEC });
      const statements = dataSource(json, "aws_iam_policy_document", "ecs_task").statement;
      expect(statements.slice(0, 2)).toEqual([READ_CONFIG, { ...ECS_EXEC_STATEMENT }]);
      expect(statements.map((s: { sid?: string }) => s.sid)).toEqual([
        undefined,
        "EcsExec",
        "EcsExecLogGroups",
        "EcsExecLogging",
      ]);
    });

    it("gives no logs permission without ECS Exec", () => {
      const { json } = build({ statements: [READ_CONFIG], execLogGroupArn: LOG_GROUP });
      expect(dataSource(json, "aws_iam_policy_document", "ecs_task").statement).toEqual([READ_CONFIG]);
    });

    it("takes a second role under its own addresses", () => {
      const stack = testStack();
      new TaskRole(stack, "task_role", { name: "ecs-task" });
      new TaskRole(stack, "worker", { name: "ecs-task-worker", statements: [READ_CONFIG] });
      expect(addresses(synthJson(stack))).toEqual([
        "aws_iam_policy.worker_ecs_task_role",
        "aws_iam_role.ecs_task_role",
        "aws_iam_role.worker_ecs_task_role",
        "aws_iam_role_policy_attachment.worker_ecs_task_role",
        "data.aws_iam_policy_document.ecs_task_role_assume_role",
        "data.aws_iam_policy_document.worker_ecs_task",
        "data.aws_iam_policy_document.worker_ecs_task_role_assume_role",
      ]);
      expect(validationErrors(stack)).toEqual([]);
    });
  });

  describe("validation", () => {
    it("rejects ECS Exec without the log group its sessions are logged to", () => {
      expect(validationErrors(build({ enableExecuteCommand: true }).stack)).toEqual([
        "test/task_role: `execLogGroupArn` must be given with `enableExecuteCommand`: ECS Exec logs each session with the task role, got: undefined",
      ]);
    });

    it("rejects a role name IAM does not take, through the module", () => {
      expect(validationErrors(build({ name: "ecs task" }).stack)).toEqual([
        'test/task_role/ecs_task_role: `name` must be 1 to 64 characters of letters, digits and +=,.@_-, got: "ecs task"',
      ]);
    });
  });
});
