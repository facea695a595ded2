// The CI roles of one AWS account (ci-roles/): which repository's workflows may assume them,
// and their names. Replace the repository with your own.
import type { CiRolesProps } from "../ci-roles/ci-roles";

/** The CI-roles stack's settings: the roles' props, less what the stack derives from the environments. */
export type CiRolesSettings = Omit<CiRolesProps, "stacks"> & {
  /** The region of the provider (IAM is global; the account ID is read there). */
  readonly region: string;
  /** The `Project` tag. */
  readonly project: string;
};

export const CI_ROLES: CiRolesSettings = {
  region: "ap-northeast-1",
  project: "ecs-fargate",
  repository: "my-org/ecs-fargate",
  planRoleName: "github-plan-ecs-fargate",
  deployRoleNames: { dev: "github-deploy-ecs-fargate-dev", prod: "github-deploy-ecs-fargate-prod" },
};
