// The CI roles' permissions, derived from what an environment's stack synthesizes: its
// resource and data source types (through ACTIONS_BY_TYPE), the names of its IAM roles and
// policies and S3 buckets (the writes that could escalate or reach data are scoped to them),
// and its state object. Pure: Terraform JSON in, IAM statements out.
import type { StackJson } from "../stacks/in-memory";
import { ACTIONS_BY_TYPE } from "./actions";

/** One IAM policy statement, in the shape of `aws_iam_policy_document`'s `statement`. */
export interface Statement {
  readonly sid: string;
  readonly actions: string[];
  readonly resources: string[];
  readonly condition?: { test: string; variable: string; values: string[] }[];
}

/** What the roles need to know of one environment's stack. */
export interface StackFacts {
  readonly environment: string;
  readonly region: string;
  /** `resource.<type>` and `data.<type>` as in ACTIONS_BY_TYPE. */
  readonly types: string[];
  readonly roleNames: string[];
  readonly policyNames: string[];
  /** Bucket names, with `*` where Terraform fills in a value (the account ID). */
  readonly bucketPatterns: string[];
  readonly stateBucket: string;
  readonly stateKey: string;
}

/** Terraform JSON's interpolations (`${data.aws_caller_identity.alb_log.account_id}`) become IAM wildcards. */
function pattern(value: string): string {
  return value.replace(/\$\{[^}]*\}/g, "*");
}

/** The facts of a synthesized stack (its `toTerraform()` JSON). */
export function stackFacts(
  json: StackJson,
  environment: string,
  region: string,
  stateBucket: string,
  stateKey: string,
): StackFacts {
  const resources = json.resource ?? {};
  const names = (type: string, key: string) => Object.values(resources[type] ?? {}).map((r) => pattern(String(r[key])));
  return {
    environment,
    region,
    types: [...Object.keys(resources), ...Object.keys(json.data ?? {}).map((t) => `data.${t}`)].sort(),
    roleNames: names("aws_iam_role", "name"),
    policyNames: names("aws_iam_policy", "name"),
    bucketPatterns: names("aws_s3_bucket", "bucket"),
    stateBucket,
    stateKey,
  };
}

/** The types no entry of ACTIONS_BY_TYPE covers: each would fail in CI with AccessDenied. */
export function unknownTypes(facts: readonly StackFacts[]): string[] {
  return [...new Set(facts.flatMap((f) => f.types))].filter((t) => !(t in ACTIONS_BY_TYPE)).sort();
}

const unique = (values: Iterable<string>): string[] => [...new Set(values)].sort();
const service = (action: string) => action.split(":")[0] ?? "";

/** The read actions of a set of stacks: what a plan calls. */
function readActions(facts: readonly StackFacts[]): string[] {
  return unique(facts.flatMap((f) => f.types.flatMap((t) => ACTIONS_BY_TYPE[t]?.read ?? [])));
}

function stateStatements(facts: readonly StackFacts[], write: boolean): Statement[] {
  const buckets = unique(facts.map((f) => f.stateBucket));
  const objects = (suffix: string) => unique(facts.map((f) => `arn:aws:s3:::${f.stateBucket}/${f.stateKey}${suffix}`));
  return [
    { sid: "StateBucket", actions: ["s3:ListBucket"], resources: buckets.map((b) => `arn:aws:s3:::${b}`) },
    {
      sid: write ? "StateReadWrite" : "StateRead",
      actions: write ? ["s3:GetObject", "s3:PutObject"] : ["s3:GetObject"],
      resources: objects(""),
    },
    // S3-native locking: Terraform writes `<key>.tflock` and deletes it when done.
    { sid: "StateLock", actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], resources: objects(".tflock") },
  ];
}

/** Decrypting a parameter the stack created, only when SSM asks on the role's behalf. */
function parameterDecrypt(facts: readonly StackFacts[], account: string): Statement[] {
  const withParameters = facts.filter((f) => f.types.includes("aws_ssm_parameter"));
  if (withParameters.length === 0) return [];
  return [
    {
      sid: "DecryptCreatedParametersThroughSsm",
      actions: ["kms:Decrypt"],
      resources: unique(withParameters.map((f) => `arn:aws:kms:${f.region}:${account}:key/*`)),
      condition: [
        {
          test: "StringEquals",
          variable: "kms:ViaService",
          values: unique(withParameters.map((f) => `ssm.${f.region}.amazonaws.com`)),
        },
      ],
    },
  ];
}

/** The plan role: every stack's reads, the state objects read and the lock files written. Nothing else. */
export function planStatements(facts: readonly StackFacts[], account: string): Statement[] {
  return [
    { sid: "Read", actions: readActions(facts), resources: ["*"] },
    ...stateStatements(facts, false),
    ...parameterDecrypt(facts, account),
  ];
}

/**
 * One environment's deploy role: its stack's reads and writes. The writes of IAM (an escalation
 * path) and S3 (data) are scoped to the stack's own names; `iam:PassRole` to its own roles, for
 * the services that take them (ECS tasks, flow logs, EventBridge's scheduled-task targets); the service-linked roles a first deploy in an account creates,
 * by service. Other writes are on `*` within the account (docs/decisions/0018).
 */
export function deployStatements(facts: StackFacts, account: string): Statement[] {
  const writes = unique(facts.types.flatMap((t) => ACTIONS_BY_TYPE[t]?.write ?? []));
  const scoped = (prefix: string) => writes.filter((a) => service(a) === prefix && a !== "iam:PassRole");
  const open = writes.filter((a) => !["iam", "s3"].includes(service(a)));
  const roles = facts.roleNames.map((n) => `arn:aws:iam::${account}:role/${n}`);
  const policies = facts.policyNames.map((n) => `arn:aws:iam::${account}:policy/${n}`);
  const statements: Statement[] = [
    { sid: "Read", actions: readActions([facts]), resources: ["*"] },
    { sid: "Write", actions: open, resources: ["*"] },
  ];
  if (scoped("iam").length > 0) {
    statements.push({ sid: "OwnRolesAndPolicies", actions: scoped("iam"), resources: [...roles, ...policies] });
  }
  if (writes.includes("iam:PassRole") && roles.length > 0) {
    statements.push({
      sid: "PassOwnRoles",
      actions: ["iam:PassRole"],
      resources: roles,
      condition: [
        {
          test: "StringEquals",
          variable: "iam:PassedToService",
          values: ["ecs-tasks.amazonaws.com", "vpc-flow-logs.amazonaws.com", "events.amazonaws.com"],
        },
      ],
    });
  }
  if (scoped("s3").length > 0 && facts.bucketPatterns.length > 0) {
    statements.push({
      sid: "OwnBuckets",
      actions: scoped("s3"),
      resources: facts.bucketPatterns.map((b) => `arn:aws:s3:::${b}`),
    });
  }
  statements.push({
    sid: "FirstDeployServiceLinkedRoles",
    actions: ["iam:CreateServiceLinkedRole"],
    resources: [`arn:aws:iam::${account}:role/aws-service-role/*`],
    condition: [
      {
        test: "StringEquals",
        variable: "iam:AWSServiceName",
        values: [
          "ecs.amazonaws.com",
          "elasticloadbalancing.amazonaws.com",
          "ecs.application-autoscaling.amazonaws.com",
        ],
      },
    ],
  });
  return [...statements, ...stateStatements([facts], true), ...parameterDecrypt([facts], account)];
}
