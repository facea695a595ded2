// The role ECS itself assumes to start the tasks: pull images, write logs, read secrets.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
import { DataAwsIamPolicy } from "@cdktf/provider-aws/lib/data-aws-iam-policy";
import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { Construct } from "constructs";
import { IamRoleModule } from "../iam-role";
import { resolveTerraformNames, terraformNamer, TerraformNames } from "../shared/addresses";
import { parseArn } from "../shared/arns";
import { kmsKeyArn } from "../shared/rules";
import { Problems, Rule } from "../shared/validation";

/** The AWS managed policy the note inherits: CloudWatch Logs and ECR permissions. */
export const ECS_TASK_EXECUTION_MANAGED_POLICY_ARN =
  "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

/** The note's statement added on top of the managed policy: read SSM parameters and decrypt them. */
export const NOTE_EXTRA_STATEMENTS: DataAwsIamPolicyDocumentStatement[] = [
  { effect: "Allow", actions: ["ssm:GetParameters", "kms:Decrypt"], resources: ["*"] },
];

export interface TaskExecutionRoleProps {
  /** The name of the role and of its policy, unique in the account (the note's `ecs-task-execution`). */
  readonly name: string;
  /**
   * Statements added to the managed policy. With secrets configured (any of the ARN lists
   * below), they come after the secrets' statements and may not allow `*`.
   * @default with secrets configured, none; otherwise the note's Allow of `ssm:GetParameters` and `kms:Decrypt` on `*`
   */
  readonly extraStatements?: DataAwsIamPolicyDocumentStatement[];
  /**
   * The SSM parameters the containers' `secrets` read: ECS reads them with
   * `ssm:GetParameters` before it starts a task. Full ARNs (`TaskSecrets` derives them from names).
   * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-ssm-paramstore.html
   * @default none
   */
  readonly ssmParameterArns?: readonly string[];
  /**
   * The Secrets Manager secrets the containers' `secrets` read (`secretsmanager:GetSecretValue`):
   * the secrets' full ARNs, without the JSON key or version ECS may append.
   * @default none
   */
  readonly secretsManagerSecretArns?: readonly string[];
  /**
   * The customer managed KMS keys that encrypt those parameters and secrets (`kms:Decrypt`).
   * Values under the AWS managed keys (`aws/ssm`, `aws/secretsmanager`) need no grant.
   * @default none
   */
  readonly kmsKeyArns?: readonly string[];
  /**
   * The Terraform names of the role's resources.
   * @default "note" for the stack's first execution role (`aws_iam_role.ecs_task_execution_role`, ...), "own" for later ones (`aws_iam_role.<id>_ecs_task_execution_role`, ...)
   */
  readonly terraformNames?: TerraformNames;
}

/**
 * `data.aws_iam_policy.ecs_task_execution_role_policy`,
 * `data.aws_iam_policy_document.ecs_task_execution` and the `ecs_task_execution_role`
 * instance of the iam_role module.
 */
export class TaskExecutionRole extends Construct {
  public readonly iamRoleArn: string;
  public readonly iamRoleName: string;

  public constructor(scope: Construct, id: string, props: TaskExecutionRoleProps) {
    super(scope, id);
    const problems = new Problems(this);
    const names = resolveTerraformNames(this, "TaskExecutionRole", props.terraformNames, problems);
    const named = terraformNamer(names, id);
    const secretStatements = this.secretStatements(problems, props);
    // With secrets configured, the note's `*` gives way to exactly the ARNs the containers read.
    const extraStatements =
      secretStatements.length > 0
        ? [...secretStatements, ...this.withoutWildcards(problems, props.extraStatements ?? [])]
        : (props.extraStatements ?? NOTE_EXTRA_STATEMENTS);

    const managedPolicy = new DataAwsIamPolicy(this, "managed_policy", { arn: ECS_TASK_EXECUTION_MANAGED_POLICY_ARN });
    managedPolicy.overrideLogicalId(named("ecs_task_execution_role_policy"));

    const document = new DataAwsIamPolicyDocument(this, "document", {
      // The note inherits with `source_json`. In AWS provider 5.x `source_json` only accepts
      // an empty string (any other value fails at plan), so the same inheritance is written
      // with `source_policy_documents`: the managed policy's statements, then ours.
      sourcePolicyDocuments: [managedPolicy.policy],
      statement: extraStatements,
    });
    document.overrideLogicalId(named("ecs_task_execution"));

    // The module instance's name names the role's addresses (`aws_iam_role.ecs_task_execution_role`).
    const role = new IamRoleModule(this, named("ecs_task_execution_role"), {
      name: props.name,
      identifier: "ecs-tasks.amazonaws.com",
      policy: document.json,
    });

    this.iamRoleArn = role.iamRoleArn;
    this.iamRoleName = role.iamRoleName;
  }

  /** One statement per kind of secret, each on exactly the ARNs given. */
  private secretStatements(problems: Problems, props: TaskExecutionRoleProps): DataAwsIamPolicyDocumentStatement[] {
    const kinds = [
      ["ssmParameterArns", props.ssmParameterArns, "ReadSecretParameters", "ssm:GetParameters", ssmParameterArnRule],
      [
        "secretsManagerSecretArns",
        props.secretsManagerSecretArns,
        "ReadSecrets",
        "secretsmanager:GetSecretValue",
        secretArnRule,
      ],
      ["kmsKeyArns", props.kmsKeyArns, "DecryptSecrets", "kms:Decrypt", kmsKeyArn],
    ] as const;
    return kinds.flatMap(([property, arns, sid, action, rule]) => {
      if (!arns || arns.length === 0) return [];
      arns.forEach((arn, i) => problems.check(`${property}[${i}]`, arn, rule));
      return [{ sid, effect: "Allow", actions: [action], resources: [...new Set(arns)] }];
    });
  }

  private withoutWildcards(
    problems: Problems,
    statements: DataAwsIamPolicyDocumentStatement[],
  ): DataAwsIamPolicyDocumentStatement[] {
    statements.forEach((statement, i) => {
      const resources = statement.resources;
      if (resources?.includes("*")) {
        problems.report(
          `extraStatements[${i}].resources`,
          "must not hold * while secrets are configured: name the resources the statement allows",
          resources,
        );
      }
    });
    return statements;
  }
}

const ssmParameterArnRule: Rule<string> = (value) => {
  const arn = parseArn(value);
  return arn?.service === "ssm" && /^parameter\/./.test(arn.resource) && arn.region !== "" && arn.account !== ""
    ? undefined
    : "must be an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>)";
};

const secretArnRule: Rule<string> = (value) => {
  const arn = parseArn(value);
  return arn?.service === "secretsmanager" && /^secret:[^:]+$/.test(arn.resource) && arn.region !== ""
    ? undefined
    : "must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)";
};
