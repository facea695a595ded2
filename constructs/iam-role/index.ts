// The book's `./iam_role` module: a role that one AWS service may assume, with one
// customer managed policy attached.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-service.html
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { awsName } from "../shared/rules";
import { Problems } from "../shared/validation";

export interface IamRoleModuleProps {
  /** The name of the role and of its policy (`name`). */
  readonly name: string;
  /** The service principal allowed to assume the role, e.g. `ecs-tasks.amazonaws.com` (`identifier`). */
  readonly identifier: string;
  /**
   * The policy document JSON attached to the role (`policy`).
   * @default none: the role has no permissions of its own, and no policy or attachment is created
   * (IAM rejects a policy without statements, so an empty document cannot stand in for none)
   */
  readonly policy?: string;
}

/**
 * The note's `module "<id>" { source = "./iam_role" }`. The construct id is the
 * module instance's name: `aws_iam_role.<id>`, `aws_iam_policy.<id>`,
 * `aws_iam_role_policy_attachment.<id>` and `data.aws_iam_policy_document.<id>_assume_role`;
 * without a `policy`, the role and its assume-role document only.
 */
export class IamRoleModule extends Construct {
  /** The module's `iam_role_arn` output. */
  public readonly iamRoleArn: string;
  /** The module's `iam_role_name` output. */
  public readonly iamRoleName: string;
  /**
   * The policy's attachment, when there is a policy: what a resource that AWS checks the
   * role's permissions for at create time (a flow log) depends on.
   */
  public readonly policyAttachment?: IamRolePolicyAttachment;

  public constructor(scope: Construct, id: string, props: IamRoleModuleProps) {
    super(scope, id);

    const problems = new Problems(this);
    problems.check("name", props.name, awsName(64, /^[\w+=,.@-]+$/, "letters, digits and +=,.@_-"));
    problems.check("identifier", props.identifier, (v) =>
      /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(v)
        ? undefined
        : "must be an AWS service principal such as ecs-tasks.amazonaws.com",
    );

    const assumeRole = new DataAwsIamPolicyDocument(this, "assume_role", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: [props.identifier] }],
        },
      ],
    });
    assumeRole.overrideLogicalId(`${id}_assume_role`);

    const role = new IamRole(this, "role", { name: props.name, assumeRolePolicy: assumeRole.json });
    role.overrideLogicalId(id);

    if (props.policy !== undefined) {
      const policy = new IamPolicy(this, "policy", { name: props.name, policy: props.policy });
      policy.overrideLogicalId(id);

      this.policyAttachment = new IamRolePolicyAttachment(this, "attachment", {
        role: role.name,
        policyArn: policy.arn,
      });
      this.policyAttachment.overrideLogicalId(id);
    }

    this.iamRoleArn = role.arn;
    this.iamRoleName = role.name;
  }
}
