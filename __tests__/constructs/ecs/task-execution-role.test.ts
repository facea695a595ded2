import {
  ECS_TASK_EXECUTION_MANAGED_POLICY_ARN,
  TaskExecutionRole,
  TaskExecutionRoleProps,
} from "../../../constructs/ecs";
import { addresses, dataSource, resolved, resource, synthJson, testStack } from "../../helpers/synth";

function build(overrides: Partial<TaskExecutionRoleProps> = {}) {
  const stack = testStack();
  const role = new TaskExecutionRole(stack, "task_execution_role", { name: "ecs-task-execution", ...overrides });
  return { stack, role, json: synthJson(stack) };
}

describe("TaskExecutionRole", () => {
  it("has the note's addresses", () => {
    expect(addresses(build().json)).toEqual([
      "aws_iam_policy.ecs_task_execution_role",
      "aws_iam_role.ecs_task_execution_role",
      "aws_iam_role_policy_attachment.ecs_task_execution_role",
      "data.aws_iam_policy.ecs_task_execution_role_policy",
      "data.aws_iam_policy_document.ecs_task_execution",
      "data.aws_iam_policy_document.ecs_task_execution_role_assume_role",
    ]);
  });

  it("reads the AWS managed AmazonECSTaskExecutionRolePolicy", () => {
    expect(dataSource(build().json, "aws_iam_policy", "ecs_task_execution_role_policy")).toMatchObject({
      arn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
    });
    expect(ECS_TASK_EXECUTION_MANAGED_POLICY_ARN).toBe(
      "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
    );
  });

  it("inherits the managed policy with source_policy_documents (not source_json) and adds the note's statement", () => {
    const document = dataSource(build().json, "aws_iam_policy_document", "ecs_task_execution");
    expect(document.source_policy_documents).toEqual(["${data.aws_iam_policy.ecs_task_execution_role_policy.policy}"]);
    expect(document).not.toHaveProperty("source_json");
    expect(document.statement).toEqual([
      { effect: "Allow", actions: ["ssm:GetParameters", "kms:Decrypt"], resources: ["*"] },
    ]);
  });

  it("is the iam_role module instance ecs-task-execution for ecs-tasks.amazonaws.com with that document", () => {
    const { json } = build();
    expect(resource(json, "aws_iam_role", "ecs_task_execution_role")).toMatchObject({ name: "ecs-task-execution" });
    expect(
      dataSource(json, "aws_iam_policy_document", "ecs_task_execution_role_assume_role").statement[0].principals,
    ).toEqual([{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }]);
    expect(resource(json, "aws_iam_policy", "ecs_task_execution_role")).toMatchObject({
      policy: "${data.aws_iam_policy_document.ecs_task_execution.json}",
    });
  });

  it("exposes the role's ARN", () => {
    const { stack, role } = build();
    expect(resolved(stack, role.iamRoleArn)).toBe("${aws_iam_role.ecs_task_execution_role.arn}");
  });

  it("takes other extra statements", () => {
    const statements = [
      {
        effect: "Allow",
        actions: ["secretsmanager:GetSecretValue"],
        resources: ["arn:aws:secretsmanager:*:*:secret:app/*"],
      },
    ];
    const document = dataSource(
      build({ extraStatements: statements }).json,
      "aws_iam_policy_document",
      "ecs_task_execution",
    );
    expect(document.statement).toEqual(statements);
  });
});
