// Every environment this app deploys: one stack each. Add one by adding a file under
// environments/ and listing it here.
import { dev } from "./environments/dev";
import { prod } from "./environments/prod";
import { EnvironmentSettings } from "./settings";

export * from "./ci-roles";
export * from "./runtime";
export * from "./settings";

/** The environments, in the order their stacks are created. */
export const ENVIRONMENTS: readonly EnvironmentSettings[] = [dev, prod];
