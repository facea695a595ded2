// The environment a command names on its command line: by stack name or environment name.
import type { EnvironmentSettings } from "../config";
import { show } from "../constructs/shared/validation";

/** The one environment `args` names, or the line that says why not. */
export function environmentNamed(
  environments: readonly EnvironmentSettings[],
  args: readonly string[],
  usage: string,
): EnvironmentSettings | string {
  if (args.length !== 1 || args[0] === undefined) return `usage: ${usage}`;
  const name = args[0];
  const found = environments.find((e) => e.stackName === name || e.environment === name);
  if (found) return found;
  const known = environments.map((e) => `${e.stackName} (${e.environment})`).join(", ");
  return `no stack or environment is named ${show(name)}: one of ${known}`;
}
