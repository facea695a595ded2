import { Testing } from "cdktf";
import { dev } from "../../config/environments/dev";
import { prod } from "../../config/environments/prod";
import { CI_ROLES } from "../../config/ci-roles";
import { ACTIONS_BY_TYPE } from "../../ci-roles/actions";
import { CiRoles, CiRolesProps } from "../../ci-roles/ci-roles";
import { deployStatements, planStatements, StackFacts, unknownTypes } from "../../ci-roles/permissions";
import { CiRolesStack, environmentFacts } from "../../ci-roles/stack";
import { addresses, dataSource, resource, synthJson, testStack, validationErrors } from "../helpers/synth";

const RUNTIME = { stateBucket: "my-team-tfstate" };
const { facts: FACTS } = environmentFacts([dev, prod], RUNTIME);
const facts = (environment: string): StackFacts => {
  const found = FACTS.find((f) => f.environment === environment);
  if (!found) throw new Error(environment);
  return found;
};
const ACCOUNT = "123456789012";
const allActions = (statements: { actions: string[] }[]) => statements.flatMap((s) => s.actions);

function build(overrides: Partial<CiRolesProps> = {}) {
  const stack = testStack();
  const roles = new CiRoles(stack, "roles", {
    repository: "my-org/ecs-fargate",
    planRoleName: "github-plan",
    deployRoleNames: { dev: "github-deploy-dev", prod: "github-deploy-prod" },
    stacks: FACTS,
    ...overrides,
  });
  return { stack, roles, json: synthJson(stack) };
}

describe("the CI roles", () => {
  describe("what the stacks need", () => {
    it("every resource and data source type of both environments has its actions listed", () => {
      expect(unknownTypes(FACTS)).toEqual([]);
      expect(facts("prod").types).toEqual(expect.arrayContaining(["aws_wafv2_web_acl", "data.aws_route53_zone"]));
    });

    it("reads each environment's role, policy and bucket names from its stack", () => {
      expect(facts("prod")).toMatchObject({
        roleNames: ["vpc-flow-logs-prod", "ecs-task-execution-prod", "ecs-task-prod", "ecs-events-prod"],
        policyNames: ["vpc-flow-logs-prod", "ecs-task-execution-prod", "ecs-task-prod", "ecs-events-prod"],
        bucketPatterns: ["example-prod-alb-logs-*"],
        stateBucket: "my-team-tfstate",
        stateKey: "ecs-fargate-prod/terraform.tfstate",
      });
      expect(facts("dev").bucketPatterns).toEqual([]);
    });

    it("refuses an environment without a state bucket: a CI runner has no local state", () => {
      expect(environmentFacts([dev], {}).problems).toEqual([
        'environment "dev": `state.bucket` must be set for CI (or TF_STATE_BUCKET): a runner has no local state, got: undefined',
      ]);
    });

    it("refuses an environment whose stack does not synthesize, instead of roles that leave it out", () => {
      expect(environmentFacts([dev], { stateBucket: "x" }).problems).toEqual([
        'environment "dev": its stack must synthesize for the CI roles to cover it (npm run synth names its problems), got: none',
      ]);
    });
  });

  describe("the plan role", () => {
    const statements = planStatements(FACTS, ACCOUNT);

    it("may read what the plans refresh, and write nothing but lock files", () => {
      const reads = new Set(Object.values(ACTIONS_BY_TYPE).flatMap((a) => a.read));
      const writes = new Set(Object.values(ACTIONS_BY_TYPE).flatMap((a) => a.write));
      expect(statements.find((s) => s.sid === "Read")?.actions.filter((a) => !reads.has(a))).toEqual([]);
      expect(allActions(statements).filter((a) => writes.has(a) && !reads.has(a))).toEqual([]);
      // Its only writes: the lock objects.
      expect(statements.filter((s) => s.actions.some((a) => /Put|Delete/.test(a))).map((s) => s.sid)).toEqual([
        "StateLock",
      ]);
      expect(statements.find((s) => s.sid === "StateLock")).toEqual({
        sid: "StateLock",
        actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
        resources: [
          "arn:aws:s3:::my-team-tfstate/ecs-fargate-dev/terraform.tfstate.tflock",
          "arn:aws:s3:::my-team-tfstate/ecs-fargate-prod/terraform.tfstate.tflock",
        ],
      });
      expect(statements.find((s) => s.sid === "StateRead")?.actions).toEqual(["s3:GetObject"]);
    });

    it("never reads a parameter's value or decrypts, since no stack manages a parameter", () => {
      const actions = allActions(statements);
      expect(actions.filter((a) => /^ssm:|^kms:Decrypt|^secretsmanager:/.test(a))).toEqual([]);
    });

    it("may decrypt through SSM only, and only where a stack creates parameters", () => {
      const withParameters = { ...facts("prod"), types: [...facts("prod").types, "aws_ssm_parameter"] };
      expect(planStatements([withParameters], ACCOUNT).at(-1)).toEqual({
        sid: "DecryptCreatedParametersThroughSsm",
        actions: ["kms:Decrypt"],
        resources: ["arn:aws:kms:ap-northeast-1:123456789012:key/*"],
        condition: [{ test: "StringEquals", variable: "kms:ViaService", values: ["ssm.ap-northeast-1.amazonaws.com"] }],
      });
    });
  });

  describe("a deploy role", () => {
    const statements = deployStatements(facts("prod"), ACCOUNT);
    const sid = (name: string) => statements.find((s) => s.sid === name);

    it("creates and changes IAM roles and policies of its own stack only", () => {
      expect(sid("OwnRolesAndPolicies")?.resources).toEqual([
        "arn:aws:iam::123456789012:role/vpc-flow-logs-prod",
        "arn:aws:iam::123456789012:role/ecs-task-execution-prod",
        "arn:aws:iam::123456789012:role/ecs-task-prod",
        "arn:aws:iam::123456789012:role/ecs-events-prod",
        "arn:aws:iam::123456789012:policy/vpc-flow-logs-prod",
        "arn:aws:iam::123456789012:policy/ecs-task-execution-prod",
        "arn:aws:iam::123456789012:policy/ecs-task-prod",
        "arn:aws:iam::123456789012:policy/ecs-events-prod",
      ]);
      expect(
        statements
          .filter((s) => s.resources.includes("*"))
          .flatMap((s) => s.actions)
          .filter(
            (a) =>
              a.startsWith("iam:") &&
              ![
                "iam:GetRole",
                "iam:GetPolicy",
                "iam:GetPolicyVersion",
                "iam:ListPolicies",
                "iam:ListPolicyVersions",
                "iam:ListPolicyTags",
                "iam:ListRolePolicies",
                "iam:ListAttachedRolePolicies",
              ].includes(a),
          ),
      ).toEqual([]);
    });

    it("passes its own roles to ECS, VPC flow logs and EventBridge only", () => {
      expect(sid("PassOwnRoles")).toEqual({
        sid: "PassOwnRoles",
        actions: ["iam:PassRole"],
        resources: sid("OwnRolesAndPolicies")?.resources.filter((r) => r.includes(":role/")),
        condition: [
          {
            test: "StringEquals",
            variable: "iam:PassedToService",
            values: ["ecs-tasks.amazonaws.com", "vpc-flow-logs.amazonaws.com", "events.amazonaws.com"],
          },
        ],
      });
    });

    it("writes S3 buckets of its own stack only, and its own state object", () => {
      expect(sid("OwnBuckets")?.resources).toEqual(["arn:aws:s3:::example-prod-alb-logs-*"]);
      expect(sid("Write")?.actions.filter((a) => a.startsWith("s3:"))).toEqual([]);
      expect(sid("StateReadWrite")?.resources).toEqual([
        "arn:aws:s3:::my-team-tfstate/ecs-fargate-prod/terraform.tfstate",
      ]);
    });

    it("dev's role has none of prod's services", () => {
      const devActions = allActions(deployStatements(facts("dev"), ACCOUNT));
      expect(devActions.filter((a) => /^(wafv2|acm|route53|kms|application-autoscaling):/.test(a))).toEqual([]);
    });
  });

  describe("the construct", () => {
    it("has GitHub's OIDC provider, a plan role and a deploy role per environment", () => {
      expect(addresses(build().json)).toEqual([
        "aws_iam_openid_connect_provider.github",
        "aws_iam_role.deploy_dev",
        "aws_iam_role.deploy_prod",
        "aws_iam_role.plan",
        "aws_iam_role_policy.deploy_dev",
        "aws_iam_role_policy.deploy_prod",
        "aws_iam_role_policy.plan",
        "data.aws_caller_identity.current",
        "data.aws_iam_policy_document.deploy_dev",
        "data.aws_iam_policy_document.deploy_dev_trust",
        "data.aws_iam_policy_document.deploy_prod",
        "data.aws_iam_policy_document.deploy_prod_trust",
        "data.aws_iam_policy_document.plan",
        "data.aws_iam_policy_document.plan_trust",
      ]);
      expect(resource(build().json, "aws_iam_openid_connect_provider", "github")).toEqual({
        url: "https://token.actions.githubusercontent.com",
        client_id_list: ["sts.amazonaws.com"],
      });
    });

    it("trusts pull requests and main for the plan role, one GitHub environment for each deploy role", () => {
      const { json } = build();
      const subjects = (name: string) =>
        dataSource(json, "aws_iam_policy_document", name).statement[0].condition.find(
          (c: { variable: string }) => c.variable === "token.actions.githubusercontent.com:sub",
        ).values;
      expect(subjects("plan_trust")).toEqual([
        "repo:my-org/ecs-fargate:pull_request",
        "repo:my-org/ecs-fargate:ref:refs/heads/main",
      ]);
      expect(subjects("deploy_prod_trust")).toEqual(["repo:my-org/ecs-fargate:environment:prod"]);
      expect(subjects("deploy_dev_trust")).toEqual(["repo:my-org/ecs-fargate:environment:dev"]);
      expect(dataSource(json, "aws_iam_policy_document", "plan_trust").statement[0]).toMatchObject({
        actions: ["sts:AssumeRoleWithWebIdentity"],
        principals: [{ type: "Federated", identifiers: ["${aws_iam_openid_connect_provider.github.arn}"] }],
      });
    });

    it("uses an OIDC provider the account already has", () => {
      const arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
      const { json } = build({ existingOidcProviderArn: arn });
      expect(addresses(json)).not.toContain("aws_iam_openid_connect_provider.github");
      expect(dataSource(json, "aws_iam_policy_document", "plan_trust").statement[0].principals[0].identifiers).toEqual([
        arn,
      ]);
    });

    it("keeps each inline policy under IAM's 10,240 characters", () => {
      for (const f of FACTS) {
        const document = JSON.stringify({ Version: "2012-10-17", Statement: deployStatements(f, ACCOUNT) });
        expect(document.length).toBeLessThan(10_240);
      }
      expect(JSON.stringify(planStatements(FACTS, ACCOUNT)).length).toBeLessThan(10_240);
    });

    it.each<[string, Partial<CiRolesProps>, string]>([
      [
        "a repository without an owner",
        { repository: "ecs-fargate" },
        'test/roles: `repository` must be a GitHub repository as owner/name, got: "ecs-fargate"',
      ],
      [
        "a role name IAM does not take",
        { planRoleName: "github plan" },
        'test/roles: `planRoleName` must be 1 to 64 characters of letters, digits and +=,.@_-, got: "github plan"',
      ],
      [
        "an environment without a deploy role name",
        { deployRoleNames: { dev: "github-deploy-dev" } },
        'test/roles: `deployRoleNames.prod` must be 1 to 64 characters of letters, digits and +=,.@_-, got: ""',
      ],
      [
        "a resource type no entry lists",
        { stacks: [{ ...facts("dev"), types: ["aws_sqs_queue"] }] },
        'test/roles: `stacks` must use only resource types whose IAM actions ci-roles/actions.ts lists (add the type there), got: "aws_sqs_queue"',
      ],
    ])("rejects %s", (_, overrides, message) => {
      expect(validationErrors(build(overrides).stack)).toEqual([message]);
    });

    it("the project's settings make a deploy role per environment", () => {
      const stack = testStack();
      new CiRoles(stack, "roles", { ...CI_ROLES, stacks: FACTS });
      expect(validationErrors(stack)).toEqual([]);
      expect(resource(synthJson(stack), "aws_iam_role", "deploy_prod").name).toBe("github-deploy-ecs-fargate-prod");
    });
  });
});

describe("the CI-roles stack", () => {
  const synthStack = (runtime: { stateBucket?: string; endpoint?: string }) => {
    const app = Testing.app();
    const stack = new CiRolesStack(app, CI_ROLES, [dev, prod], runtime);
    return { stack, json: JSON.parse(Testing.synth(stack)) as Record<string, any> };
  };

  it("keeps its state in a local file of its own and prints each role's ARN for the workflows", () => {
    const { stack, json } = synthStack(RUNTIME);
    expect(validationErrors(stack)).toEqual([]);
    expect(json.terraform.backend).toEqual({ local: { path: "../../../terraform.ci-roles.tfstate" } });
    expect(Object.keys(json.output).sort()).toEqual(["deploy_role_arn_dev", "deploy_role_arn_prod", "plan_role_arn"]);
    expect(json.output.plan_role_arn.value).toBe("${aws_iam_role.plan.arn}");
  });

  it("keeps the emulator's state apart", () => {
    const { json } = synthStack({ ...RUNTIME, endpoint: "https://127.0.0.1:5000" });
    expect(json.terraform.backend).toEqual({ local: { path: "../../../terraform.ci-roles.emulator.tfstate" } });
  });

  it("refuses environments without a state bucket, naming each", () => {
    expect(validationErrors(synthStack({}).stack)).toEqual([
      'environment "dev": `state.bucket` must be set for CI (or TF_STATE_BUCKET): a runner has no local state, got: undefined',
      'environment "prod": `state.bucket` must be set for CI (or TF_STATE_BUCKET): a runner has no local state, got: undefined',
    ]);
  });
});
