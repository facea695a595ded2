// The CI-roles stack: its own app (ci-roles/main.ts), deployed once per account by an
// administrator, with local state like the state bucket's bootstrap. Apart from the
// environments' app on purpose: the plan role must not plan the roles it is (it would need
// IAM reads of itself and the deploy roles), `npm run plan`, the policy scan and the HCL export
// cover the environments only, and the people who may change IAM are not those who deploy.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { CiRolesSettings, EnvironmentSettings, RuntimeSettings } from "../config";
import { stacksInMemory } from "../stacks/in-memory";
import { stateBucket, stateKey } from "../stacks/backend";
import { awsProviderConfig } from "../stacks/provider";
import { CiRoles } from "./ci-roles";
import { StackFacts, stackFacts } from "./permissions";

export const CI_ROLES_STACK = "ci-roles";

/** What each environment's stack synthesizes, and why an environment cannot have CI roles. */
export function environmentFacts(
  environments: readonly EnvironmentSettings[],
  runtime: RuntimeSettings,
): { facts: StackFacts[]; problems: string[] } {
  const stacks = stacksInMemory(environments, runtime);
  const problems: string[] = [];
  const facts = environments.flatMap((settings) => {
    const json = stacks.get(settings.stackName);
    if (!json) {
      // Its settings have problems (npm run synth names them): roles built without it would deny its CI jobs.
      problems.push(
        `environment "${settings.environment}": its stack must synthesize for the CI roles to cover it (npm run synth names its problems), got: none`,
      );
      return [];
    }
    const bucket = stateBucket(settings, runtime);
    if (bucket === undefined) {
      problems.push(
        `environment "${settings.environment}": \`state.bucket\` must be set for CI (or TF_STATE_BUCKET): a runner has no local state, got: undefined`,
      );
      return [];
    }
    return [stackFacts(json, settings.environment, settings.region, bucket, stateKey(settings))];
  });
  return { facts, problems };
}

export class CiRolesStack extends TerraformStack {
  public constructor(
    scope: Construct,
    settings: CiRolesSettings,
    environments: readonly EnvironmentSettings[],
    runtime: RuntimeSettings = {},
  ) {
    super(scope, CI_ROLES_STACK);
    new AwsProvider(
      this,
      "aws",
      awsProviderConfig(
        { region: settings.region, project: settings.project, environment: "ci", stackName: CI_ROLES_STACK },
        runtime.endpoint,
      ),
    );
    // Relative to <output>/stacks/ci-roles: beside the output folder, apart from the emulator's.
    const file = runtime.endpoint === undefined ? "terraform.ci-roles.tfstate" : "terraform.ci-roles.emulator.tfstate";
    new LocalBackend(this, { path: `../../../${file}` });

    const { facts, problems } = environmentFacts(environments, runtime);
    if (problems.length > 0) this.node.addValidation({ validate: () => problems });
    const roles = new CiRoles(this, "roles", { ...settings, stacks: facts });

    new TerraformOutput(this, "plan_role_arn", {
      value: roles.planRoleArn,
      description: "The repository variable AWS_PLAN_ROLE_ARN.",
    });
    for (const [environment, arn] of Object.entries(roles.deployRoleArns)) {
      new TerraformOutput(this, `deploy_role_arn_${environment.replace(/-/g, "_")}`, {
        value: arn,
        description: `The variable AWS_DEPLOY_ROLE_ARN of the GitHub environment ${environment}.`,
      });
    }
  }
}
