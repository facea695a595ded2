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
import { Problems } from "../shared/validation";

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
   * Statements added to the managed policy.
   * @default the note's Allow of `ssm:GetParameters` and `kms:Decrypt` on `*`
   */
  readonly extraStatements?: DataAwsIamPolicyDocumentStatement[];
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
    const extraStatements = props.extraStatements ?? NOTE_EXTRA_STATEMENTS;
    const names = resolveTerraformNames(this, "TaskExecutionRole", props.terraformNames, new Problems(this));
    const named = terraformNamer(names, id);

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
}
