// The composition of the app: one stack per environment, after the environments' own
// settings are checked. A stack whose environment is broken is not created at all.
import { App } from "cdktf";
import { EnvironmentSettings, RuntimeSettings } from "../config";
import { ENVIRONMENT_SETTINGS } from "../config/schema";
import { awsRegion, s3BucketName } from "../constructs/shared/rules";
import { checkShape, describeProblem } from "../constructs/shared/schema";
import { Rule, show } from "../constructs/shared/validation";
import { stateBucket } from "./backend";
import { EcsFargateStack } from "./ecs-fargate-stack";
import { showProblemsAsSettings } from "./settings-paths";

const environmentName: Rule<string> = (value) =>
  typeof value === "string" && /^[a-z][a-z0-9-]{0,31}$/.test(value)
    ? undefined
    : "must be 1 to 32 lowercase letters, digits and hyphens, starting with a letter";

const stackName: Rule<string> = (value) =>
  typeof value === "string" && /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(value)
    ? undefined
    : "must be 1 to 64 letters, digits, hyphens and underscores, starting with a letter (a CDKTF stack name and a folder name)";

/** The Terraform names the stack's own resources hold, which another service's key would take too. */
const TAKEN_NAMES = ["example", "http", "https", "nginx", "waf"];

/**
 * A key of `services`: it names the service's Terraform addresses (`aws_ecs_service.<key>`,
 * `aws_security_group.<key>_sg`) and ends its AWS names (`<service.name>-<key>`).
 */
const serviceKey: Rule<string> = (value) => {
  if (typeof value !== "string" || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(value) || value.length > 32) {
    return "must be 1 to 32 lowercase letters, digits and hyphens, starting with a letter (it names the service's addresses and ends its AWS names)";
  }
  return TAKEN_NAMES.includes(value)
    ? `must not be one of ${TAKEN_NAMES.join(", ")}: the stack's own resources have those Terraform names`
    : undefined;
};

const stateKey: Rule<string> = (value) =>
  typeof value === "string" && value.length > 0 && !value.startsWith("/") && !value.endsWith("/")
    ? undefined
    : "must be an S3 object key, not starting or ending with /";

/**
 * The file an environment's settings are written in, for messages: `config/environments/dev.ts`
 * (each file is named after its environment; `*` while the name itself is broken).
 */
export function settingsFile(settings: { readonly environment?: unknown }): string {
  const name = settings.environment;
  return `config/environments/${typeof name === "string" && environmentName(name) === undefined ? name : "*"}.ts`;
}

/**
 * Every problem of one environment's own settings (the constructs check the rest), one line
 * each under the setting's path in its file: first each value's type (the schema,
 * `config/schema.ts`); when every type is right, the rules that no single construct sees.
 * `earlier` environments keep their stack names.
 */
export function environmentProblems(
  settings: EnvironmentSettings,
  runtime: RuntimeSettings,
  earlier: readonly EnvironmentSettings[] = [],
): string[] {
  const file = typeof settings === "object" && settings !== null ? settingsFile(settings) : "config/environments";
  const typeProblems = checkShape(ENVIRONMENT_SETTINGS, settings).map((p) => `${file}: ${describeProblem(p)}`);
  if (typeProblems.length > 0) return typeProblems;
  const problems: string[] = [];
  /** `setting` is named as the message shows it: `` `region` `` or `` `state.bucket` (from `TF_STATE_BUCKET`) ``. */
  const check = <T>(setting: string, value: T, rule: Rule<T>): void => {
    const broken = rule(value);
    if (broken !== undefined) problems.push(`${file}: ${setting} ${broken}, got: ${show(value)}`);
  };
  check("`environment`", settings.environment, environmentName);
  check("`stackName`", settings.stackName, stackName);
  const clash = earlier.find((other) => other.stackName === settings.stackName);
  if (clash) check("`stackName`", settings.stackName, () => `must differ from the one in ${settingsFile(clash)}`);
  check("`region`", settings.region, awsRegion);
  for (const key of Object.keys(settings.services ?? {})) check(`\`services.${key}\``, key, serviceKey);
  const bucket = stateBucket(settings, runtime);
  if (bucket !== undefined) {
    check(
      runtime.stateBucket === undefined ? "`state.bucket`" : "`state.bucket` (from `TF_STATE_BUCKET`)",
      bucket,
      s3BucketName,
    );
  }
  if (settings.state.key !== undefined) check("`state.key`", settings.state.key, stateKey);
  if (settings.state.region !== undefined) check("`state.region`", settings.state.region, awsRegion);
  return problems;
}

/**
 * Adds one stack per environment to `app`. An environment whose own settings are broken
 * gets no stack; its problems are registered on the app, so that `synthesizeOrExplain`
 * reports them with every construct's and writes nothing.
 */
export function addEnvironmentStacks(
  app: App,
  environments: readonly EnvironmentSettings[],
  runtime: RuntimeSettings,
): EcsFargateStack[] {
  const stacks: EcsFargateStack[] = [];
  for (const [i, settings] of environments.entries()) {
    const problems = environmentProblems(settings, runtime, environments.slice(0, i));
    if (problems.length > 0) {
      app.node.addValidation({ validate: () => problems });
      continue;
    }
    const stack = new EcsFargateStack(app, settings, runtime);
    showProblemsAsSettings(stack, settings, settingsFile(settings));
    stacks.push(stack);
  }
  return stacks;
}
