// What the settings add to one container of container_definitions.json: its image (a deploy
// pipeline changes one value, not the file), its health check and its secrets. The file stays
// the note's; the task definition receives the merged containers.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definitions
import { imageReference, wholeNumber } from "../shared/rules";
import { isUnresolved, Problems, Rule } from "../shared/validation";
import { environmentVariableName } from "./arns";
import { ContainerDefinition, ContainerDefinitionsFile } from "./container-definitions";

/** One secret of a container: ECS reads it when the task starts and sets it as an environment variable. */
export interface ContainerSecret {
  /** ECS's `valueFrom`: an SSM parameter's name (same region) or ARN, or a Secrets Manager secret's ARN. */
  readonly valueFrom: string;
  /**
   * The container that gets it.
   * @default the task definition's `containerName`, the load-balanced container
   */
  readonly containerName?: string;
}

/**
 * The container's own health check, run by the container agent inside the task: an essential
 * container that turns unhealthy stops its task, and the service replaces it.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html
 */
export interface ContainerHealthCheck {
  /** `["CMD-SHELL", "curl -f http://localhost/ || exit 1"]`, or `["CMD", <executable>, <args>...]`; exit 0 is healthy. */
  readonly command: readonly string[];
  /**
   * Seconds between checks: 5 to 300.
   * @default 30, ECS's default, written out so that AWS's answer matches what Terraform sent
   */
  readonly intervalSeconds?: number;
  /**
   * Seconds before a check counts as failed: 2 to 60.
   * @default 5, ECS's default, written out
   */
  readonly timeoutSeconds?: number;
  /**
   * Failed checks in a row before the container is unhealthy: 1 to 10.
   * @default 3, ECS's default, written out
   */
  readonly retries?: number;
  /**
   * Seconds after start during which failures do not count: 0 to 300.
   * @default none: failures count from the start
   */
  readonly startPeriodSeconds?: number;
}

/** What a task definition asks of one container of its file. */
export interface ContainerOverrides {
  readonly containerName?: string;
  readonly image?: string;
  readonly healthCheck?: ContainerHealthCheck;
  readonly secrets?: Readonly<Record<string, ContainerSecret>>;
}

const healthCheckCommand: Rule<readonly string[]> = (value) =>
  Array.isArray(value) &&
  value.length >= 2 &&
  (value[0] === "CMD" || value[0] === "CMD-SHELL") &&
  value.every((part) => typeof part === "string" && part !== "")
    ? undefined
    : 'must start with "CMD" or "CMD-SHELL" and name the command, e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]';

/**
 * Checks the overrides and returns the container definitions JSON with them applied: the
 * file's own JSON, unchanged, when there is nothing to apply or the file has errors of its own.
 */
export function applyContainerOverrides(
  file: ContainerDefinitionsFile,
  overrides: ContainerOverrides,
  problems: Problems,
): string {
  const { image, healthCheck } = overrides;
  const secrets = Object.entries(overrides.secrets ?? {});
  if (image !== undefined) problems.check("image", image, imageReference);
  if (healthCheck !== undefined) checkHealthCheck(problems, healthCheck);
  const validSecrets = secrets.filter(([name]) => {
    const broken = environmentVariableName(name);
    if (broken) problems.report("secrets", `key ${broken}`, name);
    return broken === undefined;
  });
  if (image === undefined && healthCheck === undefined && secrets.length === 0) return file.json;
  // A broken file is the task definition's own report: one mistake, one line.
  if (file.errors.length > 0) return file.json;

  const containers = JSON.parse(JSON.stringify(file.containers)) as ContainerDefinition[];
  const index = new Map(containers.map((c, i) => [c.name, i]));
  const names = containers.map((c) => c.name).join(", ");
  const find = (property: string, name: string | undefined): number | undefined => {
    if (name === undefined || isUnresolved(name)) return undefined;
    const i = index.get(name);
    if (i === undefined) problems.report(property, `must name a container in ${file.label} (${names})`, name);
    return i;
  };

  let main: number | undefined;
  if (overrides.containerName !== undefined) {
    main = find("containerName", overrides.containerName);
  } else if (containers.length === 1) {
    main = 0;
  } else {
    problems.report(
      "containerName",
      `must be given with \`image\`, \`healthCheck\` or \`secrets\`: ${file.label} holds several containers (${names})`,
      undefined,
    );
  }
  const at = (i: number) => `${file.label}[${i}]`;
  const mainContainer = main === undefined ? undefined : (containers[main] as Record<string, unknown>);

  if (mainContainer && image !== undefined) mainContainer.image = image;
  if (mainContainer && main !== undefined && healthCheck !== undefined) {
    if (mainContainer.healthCheck !== undefined) {
      problems.report(
        "healthCheck",
        `must not be declared twice: ${at(main)}.healthCheck declares it too`,
        healthCheck,
      );
    } else {
      mainContainer.healthCheck = {
        command: healthCheck.command,
        interval: healthCheck.intervalSeconds ?? 30,
        timeout: healthCheck.timeoutSeconds ?? 5,
        retries: healthCheck.retries ?? 3,
        ...(healthCheck.startPeriodSeconds === undefined ? {} : { startPeriod: healthCheck.startPeriodSeconds }),
      };
    }
  }

  for (const [name, secret] of validSecrets) {
    const target =
      secret.containerName === undefined ? main : find(`secrets.${name}.containerName`, secret.containerName);
    const container = target === undefined ? undefined : (containers[target] as Record<string, unknown>);
    if (target === undefined || !container) continue;
    const declared = asNamedList(container.secrets);
    const environment = asNamedList(container.environment);
    if (declared.some((s) => s.name === name)) {
      problems.report(`secrets.${name}`, `must not be declared twice: ${at(target)}.secrets declares it too`, name);
    } else if (environment.some((e) => e.name === name)) {
      problems.report(
        `secrets.${name}`,
        `must not clash with an environment variable: ${at(target)}.environment sets it too`,
        name,
      );
    } else {
      container.secrets = [...declared, { name, valueFrom: secret.valueFrom }];
    }
  }
  return JSON.stringify(containers);
}

function checkHealthCheck(problems: Problems, healthCheck: ContainerHealthCheck): void {
  problems.check("healthCheck.command", healthCheck.command, healthCheckCommand);
  const limits = [
    ["intervalSeconds", healthCheck.intervalSeconds, 5, 300],
    ["timeoutSeconds", healthCheck.timeoutSeconds, 2, 60],
    ["retries", healthCheck.retries, 1, 10],
    ["startPeriodSeconds", healthCheck.startPeriodSeconds, 0, 300],
  ] as const;
  for (const [property, value, min, max] of limits) {
    if (value !== undefined) problems.check(`healthCheck.${property}`, value, wholeNumber(min, max));
  }
}

/** A container's `secrets` or `environment` as written: a list of `{ name }` objects (the file's checks do not cover them). */
function asNamedList(value: unknown): { name?: unknown }[] {
  return Array.isArray(value) ? value.filter((v): v is { name?: unknown } => typeof v === "object" && v !== null) : [];
}
