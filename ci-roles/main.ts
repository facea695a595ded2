// The CI-roles app: `npm run deploy:ci-roles` (once per account, by an administrator).
import { App } from "cdktf";
import { CI_ROLES, ENVIRONMENTS, runtimeFromEnvironment } from "../config";
import { synthesizeOrExplain } from "../stacks/synthesize";
import { CiRolesStack } from "./stack";

const app = new App();
new CiRolesStack(app, CI_ROLES, ENVIRONMENTS, runtimeFromEnvironment(process.env));
synthesizeOrExplain(app);
