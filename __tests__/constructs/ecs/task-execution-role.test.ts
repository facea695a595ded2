import { Lazy } from "cdktf";
import {
  ECS_TASK_EXECUTION_MANAGED_POLICY_ARN,
  TaskExecutionRole,
  TaskExecutionRoleProps,
} from "../../../constructs/ecs";
import { addresses, dataSource, resolved, resource, synthJson, testStack, validationErrors } from "../../helpers/synth";

const PARAMETER = "arn:aws:ssm:ap-northeast-1:123456789012:parameter/example/db/password";
const SECRET = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:example/api-token-AbCdEf";
const KEY = "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

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

  it("without secrets, its document is exactly the note's", () => {
    expect(dataSource(build().json, "aws_iam_policy_document", "ecs_task_execution")).toEqual({
      source_policy_documents: ["${data.aws_iam_policy.ecs_task_execution_role_policy.policy}"],
      statement: [{ effect: "Allow", actions: ["ssm:GetParameters", "kms:Decrypt"], resources: ["*"] }],
    });
  });

  describe("with secrets", () => {
    it("allows exactly the parameters, secrets and keys given, one statement each, and no *", () => {
      const { json, stack } = build({
        ssmParameterArns: [PARAMETER, Lazy.stringValue({ produce: () => "${aws_ssm_parameter.api_key.arn}" })],
        secretsManagerSecretArns: [SECRET],
        kmsKeyArns: [KEY, KEY],
      });
      expect(validationErrors(stack)).toEqual([]);
      const document = dataSource(json, "aws_iam_policy_document", "ecs_task_execution");
      expect(document).toEqual({
        source_policy_documents: ["${data.aws_iam_policy.ecs_task_execution_role_policy.policy}"],
        statement: [
          {
            sid: "ReadSecretParameters",
            effect: "Allow",
            actions: ["ssm:GetParameters"],
            resources: [PARAMETER, "${aws_ssm_parameter.api_key.arn}"],
          },
          { sid: "ReadSecrets", effect: "Allow", actions: ["secretsmanager:GetSecretValue"], resources: [SECRET] },
          { sid: "DecryptSecrets", effect: "Allow", actions: ["kms:Decrypt"], resources: [KEY] },
        ],
      });
      expect(JSON.stringify(document)).not.toContain('"*"');
    });

    it("grants no kms:Decrypt when the values are under the AWS managed keys", () => {
      const document = dataSource(
        build({ ssmParameterArns: [PARAMETER] }).json,
        "aws_iam_policy_document",
        "ecs_task_execution",
      );
      expect(document.statement).toEqual([
        { sid: "ReadSecretParameters", effect: "Allow", actions: ["ssm:GetParameters"], resources: [PARAMETER] },
      ]);
    });

    it("keeps extra statements after the secrets' own", () => {
      const extra = { effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::example-config/*"] };
      const document = dataSource(
        build({ ssmParameterArns: [PARAMETER], extraStatements: [extra] }).json,
        "aws_iam_policy_document",
        "ecs_task_execution",
      );
      expect(document.statement).toHaveLength(2);
      expect(document.statement[1]).toEqual(extra);
    });

    it.each<[string, Partial<TaskExecutionRoleProps>, string]>([
      [
        "an extra statement on *",
        {
          ssmParameterArns: [PARAMETER],
          extraStatements: [{ effect: "Allow", actions: ["s3:GetObject"], resources: ["*"] }],
        },
        'test/task_execution_role: `extraStatements[0].resources` must not hold * while secrets are configured: name the resources the statement allows, got: ["*"]',
      ],
      [
        "a parameter name instead of its ARN",
        { ssmParameterArns: ["/example/db/password"] },
        'test/task_execution_role: `ssmParameterArns[0]` must be an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>), got: "/example/db/password"',
      ],
      [
        "* as a parameter",
        { ssmParameterArns: ["*"] },
        'test/task_execution_role: `ssmParameterArns[0]` must be an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>), got: "*"',
      ],
      [
        "a secret's ARN with its JSON key",
        { secretsManagerSecretArns: [`${SECRET}:token::`] },
        `test/task_execution_role: \`secretsManagerSecretArns[0]\` must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>), got: "${SECRET}:token::"`,
      ],
      [
        "a KMS alias",
        { ssmParameterArns: [PARAMETER], kmsKeyArns: ["arn:aws:kms:ap-northeast-1:123456789012:alias/app"] },
        'test/task_execution_role: `kmsKeyArns[0]` must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>), not an alias or a key id, got: "arn:aws:kms:ap-northeast-1:123456789012:alias/app"',
      ],
    ])("rejects %s", (_, overrides, message) => {
      expect(validationErrors(build(overrides).stack)).toEqual([message]);
    });
  });
});
