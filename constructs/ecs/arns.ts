// The ARNs and names the ECS constructs read from settings: SSM parameters, Secrets Manager
// secrets, environment variable names. Rules here return what a value must be, in the house form
// (`must be ...`), so the constructs report them with their own property paths. An ARN's parts and
// a KMS key's ARN are every construct's (`../shared/arns.ts`, `../shared/rules.ts`).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
import { Arn, parseArn, partitionOf } from "../shared/arns";
import { Rule } from "../shared/validation";

/**
 * An SSM parameter name as ECS and IAM take it: letters, digits and `_.-`, a hierarchy of up to 15
 * levels each after a `/` (or a single level without one).
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-parameter-name-constraints.html
 */
export const ssmParameterName: Rule<string> = (value) =>
  typeof value === "string" &&
  value.length <= 1011 &&
  (/^(\/[A-Za-z0-9_.-]+){1,15}$/.test(value) || /^[A-Za-z0-9_.-]+$/.test(value))
    ? undefined
    : "must be an SSM parameter name such as /app/db/password: letters, digits and _.- in up to 15 levels, each after a /";

/** A name SSM lets a parameter be created under: AWS keeps the `aws` and `ssm` prefixes for itself. */
export const creatableSsmParameterName: Rule<string> = (value) =>
  ssmParameterName(value) ??
  (/^\/?(aws|ssm)/i.test(value) ? "must not begin with aws or ssm: SSM keeps those prefixes for itself" : undefined);

/** The ARN of a parameter named `/a/b` (or `a`): `arn:<partition>:ssm:<region>:<account>:parameter/a/b`. */
export function ssmParameterArn(region: string, account: string, name: string): string {
  return `arn:${partitionOf(region)}:ssm:${region}:${account}:parameter/${name.replace(/^\//, "")}`;
}

/**
 * Where a container secret comes from, as ECS's `valueFrom` names it: an SSM parameter by name
 * (same region only) or ARN, or a Secrets Manager secret by ARN, optionally followed by
 * `:<json key>:<version stage>:<version id>`.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar.html
 */
export type SecretSource =
  | { readonly kind: "ssm"; readonly name: string; readonly arn?: Arn }
  | { readonly kind: "secretsmanager"; readonly arn: Arn; readonly secretArn: string };

/** What `valueFrom` refers to, or undefined when it is neither a parameter name nor a parameter or secret ARN. */
export function parseSecretSource(valueFrom: string): SecretSource | undefined {
  const arn = parseArn(valueFrom);
  if (!arn) return ssmParameterName(valueFrom) === undefined ? { kind: "ssm", name: valueFrom } : undefined;
  if (arn.region === "" || arn.account === "") return undefined;
  if (arn.service === "ssm" && arn.resource.startsWith("parameter/")) {
    const name = arn.resource.slice("parameter".length);
    return ssmParameterName(name) === undefined ? { kind: "ssm", name, arn } : undefined;
  }
  if (arn.service === "secretsmanager" && /^secret:[A-Za-z0-9/_+=.@-]+(:[^:]*){0,3}$/.test(arn.resource)) {
    // IAM names the secret itself: the ARN without the JSON key and version ECS may append.
    const secretArn = valueFrom.split(":").slice(0, 7).join(":");
    return { kind: "secretsmanager", arn, secretArn };
  }
  return undefined;
}

export const SECRET_SOURCE_RULE =
  "must be an SSM parameter name (/app/db/password), an SSM parameter ARN or a Secrets Manager secret ARN";

/** The name a parameter reference resolves to, for comparing a name with an ARN of the same parameter. */
export function parameterKey(name: string): string {
  return name.replace(/^\//, "");
}

/** An ARN in `region`: the rule names both regions, so the line says what to change. */
export function inRegion(region: string): Rule<string> {
  return (value) => {
    const arn = parseArn(value);
    return arn && arn.region !== region ? `must be in the stack's region (${region}), not ${arn.region}` : undefined;
  };
}

/** A name a shell and every runtime can read from the environment. */
export const environmentVariableName: Rule<string> = (value) =>
  typeof value === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value)
    ? undefined
    : "must be an environment variable name: a letter or underscore, then letters, digits and underscores";

/** A name Terraform takes as the second part of an address (`aws_ssm_parameter.<name>`). */
export const terraformIdentifier: Rule<string> = (value) =>
  typeof value === "string" && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(value)
    ? undefined
    : "must be a Terraform name: a letter or underscore, then letters, digits, underscores and hyphens";
