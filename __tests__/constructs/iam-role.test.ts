import { IamRoleModule, IamRoleModuleProps } from "../../constructs/iam-role";
import { addresses, dataSource, resolved, resource, synthJson, testStack, validationErrors } from "../helpers/synth";

const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
});

function build(overrides: Partial<IamRoleModuleProps> = {}) {
  const stack = testStack();
  const module = new IamRoleModule(stack, "ecs_task_execution_role", {
    name: "ecs-task-execution",
    identifier: "ecs-tasks.amazonaws.com",
    policy: POLICY,
    ...overrides,
  });
  return { stack, module, json: synthJson(stack) };
}

describe("IamRoleModule", () => {
  describe("defaults", () => {
    it("names its addresses after the module instance", () => {
      expect(addresses(build().json)).toEqual([
        "aws_iam_policy.ecs_task_execution_role",
        "aws_iam_role.ecs_task_execution_role",
        "aws_iam_role_policy_attachment.ecs_task_execution_role",
        "data.aws_iam_policy_document.ecs_task_execution_role_assume_role",
      ]);
    });

    it("lets the service principal assume the role", () => {
      const { json } = build();
      expect(dataSource(json, "aws_iam_policy_document", "ecs_task_execution_role_assume_role").statement).toEqual([
        { actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }] },
      ]);
      expect(resource(json, "aws_iam_role", "ecs_task_execution_role")).toMatchObject({
        name: "ecs-task-execution",
        assume_role_policy: "${data.aws_iam_policy_document.ecs_task_execution_role_assume_role.json}",
      });
    });

    it("creates a policy with the given document and attaches it to the role", () => {
      const { json } = build();
      expect(resource(json, "aws_iam_policy", "ecs_task_execution_role")).toMatchObject({
        name: "ecs-task-execution",
        policy: POLICY,
      });
      expect(resource(json, "aws_iam_role_policy_attachment", "ecs_task_execution_role")).toMatchObject({
        role: "${aws_iam_role.ecs_task_execution_role.name}",
        policy_arn: "${aws_iam_policy.ecs_task_execution_role.arn}",
      });
    });

    it("exposes the module's outputs iamRoleArn and iamRoleName", () => {
      const { stack, module } = build();
      expect(resolved(stack, module.iamRoleArn)).toBe("${aws_iam_role.ecs_task_execution_role.arn}");
      expect(resolved(stack, module.iamRoleName)).toBe("${aws_iam_role.ecs_task_execution_role.name}");
    });

    it("accepts valid input", () => {
      expect(validationErrors(build().stack)).toEqual([]);
    });
  });

  describe("without a policy", () => {
    it("is the role and its assume-role document only: no policy, no attachment", () => {
      const stack = testStack();
      const module = new IamRoleModule(stack, "ecs_task_role", {
        name: "ecs-task",
        identifier: "ecs-tasks.amazonaws.com",
      });
      expect(addresses(synthJson(stack))).toEqual([
        "aws_iam_role.ecs_task_role",
        "data.aws_iam_policy_document.ecs_task_role_assume_role",
      ]);
      expect(resolved(stack, module.iamRoleArn)).toBe("${aws_iam_role.ecs_task_role.arn}");
      expect(validationErrors(stack)).toEqual([]);
    });
  });

  describe("validation", () => {
    it.each<[string, Partial<IamRoleModuleProps>, string]>([
      [
        "a name over 64 characters",
        { name: "r".repeat(65) },
        `test/ecs_task_execution_role: \`name\` must be 1 to 64 characters of letters, digits and +=,.@_-, got: "${"r".repeat(65)}"`,
      ],
      [
        "a name with a space",
        { name: "my role" },
        'test/ecs_task_execution_role: `name` must be 1 to 64 characters of letters, digits and +=,.@_-, got: "my role"',
      ],
      [
        "an identifier that is not a service principal",
        { identifier: "ecs-tasks" },
        'test/ecs_task_execution_role: `identifier` must be an AWS service principal such as ecs-tasks.amazonaws.com, got: "ecs-tasks"',
      ],
    ])("rejects %s", (_, overrides, message) => {
      expect(validationErrors(build(overrides).stack)).toEqual([message]);
    });
  });
});
