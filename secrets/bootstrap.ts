// Creates the SSM SecureString parameters an environment's stack reads but does not manage
// (`secrets.existingParameters`), each holding the placeholder until someone sets the real
// value with `aws ssm put-parameter --overwrite`. Idempotent: a parameter that exists is left
// alone, value and all. Nothing here reads a value: existence comes from DescribeParameters,
// which returns no values. Parameters given by ARN in another account are the other account's.
// https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html
import { DescribeParametersCommand, ParameterAlreadyExists, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import type { EnvironmentSettings } from "../config";
import { parseSecretSource } from "../constructs/ecs/arns";
import { PARAMETER_PLACEHOLDER } from "../constructs/ecs/secrets";

/** One parameter and what the run did about it. */
export interface SecretStep {
  readonly name: string;
  readonly outcome: "created" | "already there" | "not ours";
  readonly detail: string;
}

/** The parameters of `existingParameters` this account holds: names, and ARNs in `account`. */
export function parametersToBootstrap(settings: EnvironmentSettings, account: string): SecretStep[] {
  return (settings.secrets?.existingParameters ?? []).flatMap((reference): SecretStep[] => {
    const source = parseSecretSource(reference);
    if (source?.kind !== "ssm") return [];
    if (source.arn && (source.arn.account !== account || source.arn.region !== settings.region)) {
      return [{ name: reference, outcome: "not ours", detail: "another account's or region's: created there" }];
    }
    return [{ name: source.name.startsWith("/") ? source.name : `/${source.name}`, outcome: "created", detail: "" }];
  });
}

export async function bootstrapSecrets(
  settings: EnvironmentSettings,
  account: string,
  ssm: SSMClient,
): Promise<SecretStep[]> {
  const steps: SecretStep[] = [];
  for (const step of parametersToBootstrap(settings, account)) {
    if (step.outcome === "not ours") {
      steps.push(step);
      continue;
    }
    const { Parameters = [] } = await ssm.send(
      new DescribeParametersCommand({ ParameterFilters: [{ Key: "Name", Option: "Equals", Values: [step.name] }] }),
    );
    const found = Parameters.find((p) => p.Name === step.name);
    if (found) {
      steps.push({ name: step.name, outcome: "already there", detail: `${found.Type ?? "?"}, left as it is` });
      continue;
    }
    try {
      await ssm.send(
        new PutParameterCommand({
          Name: step.name,
          Type: "SecureString",
          Value: PARAMETER_PLACEHOLDER,
          Overwrite: false,
          Description: `Read by the ${settings.stackName} stack's containers; set with put-parameter --overwrite`,
        }),
      );
      steps.push({ name: step.name, outcome: "created", detail: `SecureString holding "${PARAMETER_PLACEHOLDER}"` });
    } catch (error) {
      // Created meanwhile by someone else: theirs, left alone.
      if (!(error instanceof ParameterAlreadyExists)) throw error;
      steps.push({ name: step.name, outcome: "already there", detail: "created meanwhile, left as it is" });
    }
  }
  return steps;
}

/** One line per parameter, then what to do next. */
export function describeSecrets(stackName: string, steps: readonly SecretStep[]): string {
  if (steps.length === 0) return `${stackName}: no parameter to create (secrets.existingParameters is empty)\n`;
  const width = Math.max(...steps.map((s) => s.name.length));
  const lines = steps.map((s) => `  ${s.name.padEnd(width)}  ${s.outcome.padEnd(13)}  ${s.detail}`);
  const created = steps.filter((s) => s.outcome === "created");
  const next = created.map(
    (s) => `  aws ssm put-parameter --name ${s.name} --type SecureString --value '<the value>' --overwrite`,
  );
  return `${[`${stackName}: the parameters its containers read`, ...lines, ...(next.length ? ["set each value:", ...next] : [])].join("\n")}\n`;
}
