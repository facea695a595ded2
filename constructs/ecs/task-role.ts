// The role the application in the containers assumes: its own AWS permissions, apart from the
// execution role, which only ECS uses to start the task.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
import {
  DataAwsIamPolicyDocument,
  DataAwsIamPolicyDocumentStatement,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { IamRoleModule } from "../iam-role";
import { resolveTerraformNames, terraformNamer, TerraformNames } from "../shared/addresses";
import { Problems } from "../shared/validation";

/**
 * What the containers' SSM agent needs for ECS Exec: the control and data channels of a
 * Session Manager session. The `ssmmessages` actions define no resource type in IAM, so a
 * policy can only grant them on `*`, which is what AWS documents: a documented exception to
 * naming resources (the `iam-wildcard-resource` check flags it; acknowledge it with this reason).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_ssmmessages.html
 */
export const ECS_EXEC_STATEMENT: DataAwsIamPolicyDocumentStatement = {
  sid: "EcsExec",
  effect: "Allow",
  actions: [
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
  ],
  resources: ["*"],
};

/**
 * What ECS Exec's session logging needs from the task role: to find the group and write its
 * streams, on that one group (AWS's example allows `DescribeLogGroups` on `*`: the account's
 * groups in the region are enough).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-logging
 */
export function execLoggingStatements(logGroupArn: string): DataAwsIamPolicyDocumentStatement[] {
  // arn:<partition>:logs:<region>:<account>:log-group:<name> -> arn:<partition>:logs:<region>:<account>:log-group:*
  const accountGroups = `${Fn.join(":", Fn.slice(Fn.split(":", logGroupArn), 0, 5) as string[])}:log-group:*`;
  return [
    { sid: "EcsExecLogGroups", effect: "Allow", actions: ["logs:DescribeLogGroups"], resources: [accountGroups] },
    {
      sid: "EcsExecLogging",
      effect: "Allow",
      actions: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
      resources: [`${logGroupArn}:log-stream:*`],
    },
  ];
}

export interface TaskRoleProps {
  /** The role's name (and its policy's), unique in the account, e.g. `ecs-task-example`. */
  readonly name: string;
  /**
   * What the application may do in AWS, e.g. read one S3 bucket.
   * @default none: the role has no permissions of its own (no policy is created)
   */
  readonly statements?: DataAwsIamPolicyDocumentStatement[];
  /**
   * Whether the service runs ECS Exec (the service's `enableExecuteCommand`): the role then gets
   * exactly the four `ssmmessages` channel actions (`ECS_EXEC_STATEMENT`) and the right to log
   * sessions to `execLogGroupArn` (`execLoggingStatements`).
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
  /**
   * The log group ECS Exec sessions are logged to, required with `enableExecuteCommand`. With the
   * cluster's Exec logging left at `DEFAULT`, that is the container's `awslogs` group: the agent
   * in the container writes the session there with this role, and without the permissions the
   * session fails to start.
   * @default none
   */
  readonly execLogGroupArn?: string;
  /**
   * The Terraform names of the role's resources.
   * @default "note" for the stack's first task role (`aws_iam_role.ecs_task_role`, ...), "own" for later ones (`aws_iam_role.<id>_ecs_task_role`, ...)
   */
  readonly terraformNames?: TerraformNames;
}

/**
 * The `ecs_task_role` instance of the iam_role module, with the policy document
 * `data.aws_iam_policy_document.ecs_task` when the role has statements.
 */
export class TaskRole extends Construct {
  /** The task definition's `task_role_arn`. */
  public readonly iamRoleArn: string;
  public readonly iamRoleName: string;

  public constructor(scope: Construct, id: string, props: TaskRoleProps) {
    super(scope, id);
    const problems = new Problems(this);
    const names = resolveTerraformNames(this, "TaskRole", props.terraformNames, problems);
    const named = terraformNamer(names, id);
    const exec = props.enableExecuteCommand ?? false;
    if (exec && props.execLogGroupArn === undefined) {
      problems.report(
        "execLogGroupArn",
        "must be given with `enableExecuteCommand`: ECS Exec logs each session with the task role",
        undefined,
      );
    }
    const statements = [
      ...(props.statements ?? []),
      ...(exec ? [ECS_EXEC_STATEMENT] : []),
      ...(exec && props.execLogGroupArn !== undefined ? execLoggingStatements(props.execLogGroupArn) : []),
    ];

    let policy: string | undefined;
    if (statements.length > 0) {
      const document = new DataAwsIamPolicyDocument(this, "document", { statement: statements });
      document.overrideLogicalId(named("ecs_task"));
      policy = document.json;
    }

    // The module instance's name names the role's addresses (`aws_iam_role.ecs_task_role`).
    const role = new IamRoleModule(this, named("ecs_task_role"), {
      name: props.name,
      identifier: "ecs-tasks.amazonaws.com",
      policy,
    });

    this.iamRoleArn = role.iamRoleArn;
    this.iamRoleName = role.iamRoleName;
  }
}
