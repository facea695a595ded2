// The role EventBridge assumes to run scheduled tasks (the book's chapter 10): it may run a task
// (`ecs:RunTask`) and pass the task's roles to ECS, as the AWS managed policy allows.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/CWE_IAM_role.html
import { DataAwsIamPolicy } from "@cdktf/provider-aws/lib/data-aws-iam-policy";
import { Construct } from "constructs";
import { IamRoleModule } from "../iam-role";
import { resolveTerraformNames, terraformNamer, TerraformNames } from "../shared/addresses";
import { Problems } from "../shared/validation";

/** The AWS managed policy the book gives the role: `ecs:RunTask`, and `iam:PassRole` to ECS tasks only. */
export const ECS_EVENTS_MANAGED_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceEventsRole";

export interface EcsEventsRoleProps {
  /** The role's (and its policy's) name, unique in the account (the book's `ecs-events`). */
  readonly name: string;
  /**
   * The Terraform names of the role's resources.
   * @default "note" for the stack's first events role (`aws_iam_role.ecs_events_role`, ...), "own" for later ones (`aws_iam_role.<id>_ecs_events_role`, ...)
   */
  readonly terraformNames?: TerraformNames;
}

/**
 * The book's `data.aws_iam_policy.ecs_events_role_policy` and `module "ecs_events_role"` (the
 * iam_role module, `identifier = "events.amazonaws.com"`), flattened as the module's other
 * instances are: `aws_iam_role.ecs_events_role`, `aws_iam_policy.ecs_events_role`,
 * `aws_iam_role_policy_attachment.ecs_events_role`.
 */
export class EcsEventsRole extends Construct {
  /** What an EventBridge target's `role_arn` names. */
  public readonly iamRoleArn: string;
  public readonly iamRoleName: string;

  public constructor(scope: Construct, id: string, props: EcsEventsRoleProps) {
    super(scope, id);
    const named = terraformNamer(
      resolveTerraformNames(this, "EcsEventsRole", props.terraformNames, new Problems(this)),
      id,
    );

    const managedPolicy = new DataAwsIamPolicy(this, "managed_policy", { arn: ECS_EVENTS_MANAGED_POLICY_ARN });
    managedPolicy.overrideLogicalId(named("ecs_events_role_policy"));

    // As the book writes it: the managed policy's document becomes the module's own policy.
    const role = new IamRoleModule(this, named("ecs_events_role"), {
      name: props.name,
      identifier: "events.amazonaws.com",
      policy: managedPolicy.policy,
    });

    this.iamRoleArn = role.iamRoleArn;
    this.iamRoleName = role.iamRoleName;
  }
}
