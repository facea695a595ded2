// The roles GitHub Actions assumes through OIDC: GitHub's identity provider, one plan role
// for pull requests and main of one repository (reads, the state objects, the lock files), and
// one deploy role per environment, trusted by that GitHub environment only, with what that
// environment's stack needs and no more (ci-roles/permissions.ts).
// https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { awsName } from "../constructs/shared/rules";
import { Problems, Rule } from "../constructs/shared/validation";
import { deployStatements, planStatements, StackFacts, Statement, unknownTypes } from "./permissions";

export const GITHUB_OIDC_URL = "https://token.actions.githubusercontent.com";
const TOKEN = "token.actions.githubusercontent.com";

export interface CiRolesProps {
  /** The GitHub repository the workflows run in, `owner/name`. */
  readonly repository: string;
  /** The plan role's name, e.g. `github-plan-ecs-fargate`. */
  readonly planRoleName: string;
  /** Each environment's deploy role name, by environment (`dev`, `prod`): also the GitHub environment's name. */
  readonly deployRoleNames: Readonly<Record<string, string>>;
  /** What each environment's stack synthesizes (`stackFacts`). */
  readonly stacks: readonly StackFacts[];
  /**
   * The branch whose pushes plan and deploy.
   * @default "main"
   */
  readonly mainBranch?: string;
  /**
   * GitHub's OIDC provider, when the account has one already (an account holds one per URL).
   * @default a new `aws_iam_openid_connect_provider.github`
   */
  readonly existingOidcProviderArn?: string;
}

const roleName = awsName(64, /^[\w+=,.@-]+$/, "letters, digits and +=,.@_-");
const repository: Rule<string> = (value) =>
  typeof value === "string" && /^[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+$/.test(value)
    ? undefined
    : "must be a GitHub repository as owner/name";

/**
 * Addresses: `aws_iam_openid_connect_provider.github`, `aws_iam_role.plan` and its inline
 * policy `aws_iam_role_policy.plan`, `aws_iam_role.deploy_<environment>` and
 * `aws_iam_role_policy.deploy_<environment>`, their documents as `data.aws_iam_policy_document.*`.
 */
export class CiRoles extends Construct {
  public readonly planRoleArn: string;
  /** Each environment's deploy role ARN, by environment. */
  public readonly deployRoleArns: Readonly<Record<string, string>>;

  public constructor(scope: Construct, id: string, props: CiRolesProps) {
    super(scope, id);
    const branch = props.mainBranch ?? "main";
    const problems = new Problems(this);
    problems.check("repository", props.repository, repository);
    problems.check("planRoleName", props.planRoleName, roleName);
    for (const facts of props.stacks) {
      const name = props.deployRoleNames[facts.environment];
      problems.check(`deployRoleNames.${facts.environment}`, name ?? "", roleName);
    }
    for (const type of unknownTypes(props.stacks)) {
      problems.report(
        "stacks",
        "must use only resource types whose IAM actions ci-roles/actions.ts lists (add the type there)",
        type,
      );
    }

    const account = new DataAwsCallerIdentity(this, "account", {});
    account.overrideLogicalId("current");
    let providerArn = props.existingOidcProviderArn;
    if (providerArn === undefined) {
      const provider = new IamOpenidConnectProvider(this, "github", {
        url: GITHUB_OIDC_URL,
        clientIdList: ["sts.amazonaws.com"],
      });
      provider.overrideLogicalId("github");
      providerArn = provider.arn;
    }

    /** A role GitHub's tokens may assume when their `sub` is one of `subjects`. */
    const role = (name: string, address: string, subjects: string[], statements: Statement[]): string => {
      const trust = new DataAwsIamPolicyDocument(this, `${address}_trust`, {
        statement: [
          {
            effect: "Allow",
            actions: ["sts:AssumeRoleWithWebIdentity"],
            principals: [{ type: "Federated", identifiers: [providerArn] }],
            condition: [
              { test: "StringEquals", variable: `${TOKEN}:aud`, values: ["sts.amazonaws.com"] },
              { test: "StringEquals", variable: `${TOKEN}:sub`, values: subjects },
            ],
          },
        ],
      });
      trust.overrideLogicalId(`${address}_trust`);
      const created = new IamRole(this, address, { name, assumeRolePolicy: trust.json, maxSessionDuration: 3600 });
      created.overrideLogicalId(address);
      const document = new DataAwsIamPolicyDocument(this, `${address}_permissions`, {
        statement: statements.map((s) => ({ effect: "Allow", ...s })),
      });
      document.overrideLogicalId(address);
      new IamRolePolicy(this, `${address}_policy`, {
        name,
        role: created.id,
        policy: document.json,
      }).overrideLogicalId(address);
      return created.arn;
    };

    const repo = `repo:${props.repository}`;
    this.planRoleArn = role(
      props.planRoleName,
      "plan",
      [`${repo}:pull_request`, `${repo}:ref:refs/heads/${branch}`],
      planStatements(props.stacks, account.accountId),
    );
    const deploy: Record<string, string> = {};
    for (const facts of props.stacks) {
      const name = props.deployRoleNames[facts.environment];
      if (name === undefined) continue;
      deploy[facts.environment] = role(
        name,
        `deploy_${facts.environment.replace(/-/g, "_")}`,
        [`${repo}:environment:${facts.environment}`],
        deployStatements(facts, account.accountId),
      );
    }
    this.deployRoleArns = deploy;
  }
}
