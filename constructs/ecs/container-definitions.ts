// Reads and checks the note's hand-written `container_definitions.json` at synth
// time, so that a mistake in it fails `cdktf synth` with its position instead of
// failing minutes into an apply.
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
import * as fs from "fs";
import * as path from "path";
import { parse, ParseError, printParseErrorCode } from "jsonc-parser";
import { nearest } from "../shared/nearest";
import { ecsName, imageReference, port, wholeNumber } from "../shared/rules";
import { isPlainObject as isObject } from "../shared/schema";
import { show } from "../shared/validation";
import { dependencyCondition, dependencyProblems, essentialProblems } from "./container-dependencies";

/** The parts of a container definition this project reads; the rest is passed through as written. */
export interface ContainerDefinition {
  /** The container's name; the service's load balancer binding names it. */
  readonly name: string;
  /** The image to run, e.g. `nginx:latest`. */
  readonly image: string;
  /**
   * Whether the task needs this container: when an essential container stops, the
   * whole task stops. ECS treats a missing `essential` as true.
   */
  readonly essential?: boolean;
  /** The container ports to map; with `awsvpc` a `hostPort`, if given, equals its `containerPort`. */
  readonly portMappings?: readonly {
    readonly containerPort: number;
    readonly hostPort?: number;
    readonly protocol?: string;
  }[];
  readonly logConfiguration?: { readonly logDriver: string; readonly options?: Readonly<Record<string, string>> };
  /**
   * The containers this one waits for before it starts, and for what: `START`, `COMPLETE` or
   * `SUCCESS` (exited, with 0), or `HEALTHY` (its health check passes). A sidecar that must run
   * first (a log router) is one more container and one entry here.
   */
  readonly dependsOn?: readonly { readonly containerName: string; readonly condition: string }[];
  readonly [key: string]: unknown;
}

export interface ContainerDefinitionsFile {
  /** The file as named in messages: relative to the working directory. */
  readonly label: string;
  /** The containers, as parsed (empty when the file could not be read or parsed). */
  readonly containers: readonly ContainerDefinition[];
  /** The JSON given to Terraform's `container_definitions`. */
  readonly json: string;
  /** Every problem found, each naming the file and position. */
  readonly errors: readonly string[];
}

export interface ContainerDefinitionsExpectations {
  /** With `awsvpc`, a `hostPort` must equal its `containerPort`. */
  readonly networkMode: string;
  /** The log group the stack creates: every awslogs configuration sends to it (filled in when the file leaves it out). */
  readonly logGroupName?: string;
  /** The provider's region: every awslogs configuration names it (filled in when the file leaves it out). */
  readonly region?: string;
  /**
   * The task's size: no container's `cpu`, `memory` or `memoryReservation` may exceed it, nor the
   * containers' cpu, or their reservations, add up to more (ECS rejects the task definition).
   * @default no check
   */
  readonly taskSize?: { readonly cpu: number; readonly memoryMiB: number };
}

/** Every key of ECS's ContainerDefinition, PortMapping and LogConfiguration, for the "did you mean" hints. */
const CONTAINER_KEYS = [
  "name",
  "image",
  "repositoryCredentials",
  "cpu",
  "memory",
  "memoryReservation",
  "links",
  "portMappings",
  "essential",
  "restartPolicy",
  "entryPoint",
  "command",
  "environment",
  "environmentFiles",
  "mountPoints",
  "volumesFrom",
  "linuxParameters",
  "secrets",
  "dependsOn",
  "startTimeout",
  "stopTimeout",
  "versionConsistency",
  "hostname",
  "user",
  "workingDirectory",
  "disableNetworking",
  "privileged",
  "readonlyRootFilesystem",
  "dnsServers",
  "dnsSearchDomains",
  "extraHosts",
  "dockerSecurityOptions",
  "interactive",
  "pseudoTerminal",
  "dockerLabels",
  "ulimits",
  "logConfiguration",
  "healthCheck",
  "systemControls",
  "resourceRequirements",
  "firelensConfiguration",
  "credentialSpecs",
];
const PORT_MAPPING_KEYS = ["containerPort", "hostPort", "protocol", "name", "appProtocol", "containerPortRange"];
const LOG_CONFIGURATION_KEYS = ["logDriver", "options", "secretOptions"];
const DEPENDENCY_KEYS = ["containerName", "condition"];

const SYNTAX_ERRORS: Readonly<Record<string, string>> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "a property name in double quotes is expected",
  ValueExpected: "a value is expected",
  ColonExpected: "a colon is expected",
  CommaExpected: "a comma is expected",
  CloseBraceExpected: "a closing brace } is expected",
  CloseBracketExpected: "a closing bracket ] is expected",
  EndOfFileExpected: "nothing may follow the top-level value",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "comments are not allowed in JSON",
  UnexpectedEndOfString: "the string is not closed",
  UnexpectedEndOfNumber: "the number is not complete",
  InvalidUnicode: "invalid unicode escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character in a string",
};

/** Reads `file`, parses it and checks every container against ECS's rules and the stack's expectations. */
export function loadContainerDefinitions(
  file: string,
  expectations: ContainerDefinitionsExpectations,
): ContainerDefinitionsFile {
  const label = path.relative(process.cwd(), file) || file;
  const failed = (error: string): ContainerDefinitionsFile => ({ label, containers: [], json: "[]", errors: [error] });

  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "the file does not exist" : String(e);
    return failed(`${label}: must be a readable container definitions file, got: ${reason}`);
  }

  const syntaxErrors: ParseError[] = [];
  const parsed: unknown = parse(text, syntaxErrors, { disallowComments: true, allowTrailingComma: false });
  const first = syntaxErrors[0];
  if (first) {
    const { line, column } = position(text, first.offset);
    const found = text.slice(first.offset, first.offset + Math.max(first.length, 1));
    return failed(
      `${label}:${line}:${column}: JSON syntax error: ${SYNTAX_ERRORS[printParseErrorCode(first.error)] ?? "invalid JSON"}, got: ${show(found)}`,
    );
  }
  if (!Array.isArray(parsed)) {
    return failed(`${label}: must be a JSON array of container definitions, got: ${show(typeName(parsed))}`);
  }

  const errors: string[] = [];
  const names = new Map<string, number>();
  parsed.forEach((container: unknown, i) => {
    const at = `${label}[${i}]`;
    if (!isObject(container)) {
      errors.push(`${at}: must be a container definition object, got: ${show(container)}`);
      return;
    }
    unknownKeys(at, container, CONTAINER_KEYS, errors);
    if (typeof container.name !== "string") {
      errors.push(`${at}.name: is required and must be a string, got: ${show(container.name)}`);
    } else {
      const broken = ecsName(container.name);
      if (broken) errors.push(`${at}.name: ${broken}, got: ${show(container.name)}`);
      const previous = names.get(container.name);
      if (previous !== undefined) {
        errors.push(`${at}.name: must be unique, ${label}[${previous}] has it too, got: ${show(container.name)}`);
      } else {
        names.set(container.name, i);
      }
    }
    if (typeof container.image !== "string" || container.image.trim() === "") {
      errors.push(`${at}.image: is required and must be a non-empty string, got: ${show(container.image)}`);
    } else {
      const broken = imageReference(container.image);
      if (broken) errors.push(`${at}.image: ${broken}, got: ${show(container.image)}`);
    }
    if (container.essential !== undefined && typeof container.essential !== "boolean") {
      errors.push(`${at}.essential: must be true or false, got: ${show(container.essential)}`);
    }
    checkPortMappings(at, container.portMappings, expectations, errors);
    checkLogConfiguration(at, container.logConfiguration, expectations, errors);
    checkDependsOn(at, container.dependsOn, errors);
  });

  checkSizes(label, parsed, expectations.taskSize, errors);
  errors.push(...dependencyProblems(label, parsed), ...essentialProblems(label, parsed));
  if (parsed.length === 0) {
    errors.push(`${label}: must hold at least one container definition, got: []`);
  }

  return { label, containers: parsed as ContainerDefinition[], json: JSON.stringify(parsed), errors };
}

/**
 * Each container's `cpu`, `memory` and `memoryReservation` against the task's size, and the
 * containers' sums: ECS reserves `memoryReservation` (or `memory` without one) for each container.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory
 */
function checkSizes(
  label: string,
  containers: readonly unknown[],
  task: ContainerDefinitionsExpectations["taskSize"],
  errors: string[],
): void {
  const limits: Record<"cpu" | "memory", readonly [string, number]> | undefined = task && {
    cpu: ["cpu", task.cpu],
    memory: ["memoryMiB", task.memoryMiB],
  };
  const sums = { cpu: [] as [string, number][], memory: [] as [string, number][] };
  containers.forEach((container: unknown, i) => {
    if (!isObject(container)) return;
    const at = `${label}[${i}]`;
    const name = typeof container.name === "string" ? container.name : `[${i}]`;
    const sizes: Partial<Record<"cpu" | "memory" | "memoryReservation", number>> = {};
    for (const [key, min] of [
      ["cpu", 0],
      ["memory", 6],
      ["memoryReservation", 6],
    ] as const) {
      const value = container[key];
      if (value === undefined) continue;
      const broken = wholeNumber(min)(value as number);
      if (broken) {
        errors.push(`${at}.${key}: ${broken}, got: ${show(value)}`);
        continue;
      }
      const [taskKey, taskValue] = limits ? limits[key === "cpu" ? "cpu" : "memory"] : [];
      if (taskValue !== undefined && (value as number) > taskValue) {
        errors.push(`${at}.${key}: must be at most the task's \`${taskKey}\` (${taskValue}), got: ${show(value)}`);
        continue;
      }
      sizes[key] = value as number;
    }
    const { cpu, memory, memoryReservation } = sizes;
    if (memory !== undefined && memoryReservation !== undefined && memoryReservation > memory) {
      errors.push(
        `${at}.memoryReservation: must be at most the container's memory (${memory}), got: ${memoryReservation}`,
      );
    }
    if (cpu !== undefined) sums.cpu.push([name, cpu]);
    const reserved = memoryReservation ?? memory;
    if (reserved !== undefined) sums.memory.push([name, reserved]);
  });
  if (!limits || containers.length < 2) return;
  const added = [
    ["cpu", "`cpu`", sums.cpu],
    ["memory", "`memoryReservation` (or `memory` without one)", sums.memory],
  ] as const;
  for (const [key, what, parts] of added) {
    const total = parts.reduce((sum, [, value]) => sum + value, 0);
    const [taskKey, taskValue] = limits[key];
    if (parts.length > 1 && total > taskValue) {
      errors.push(
        `${label}: the containers' ${what} must add up to at most the task's \`${taskKey}\` (${taskValue}), got: ${total} (${parts.map(([n, v]) => `${n}: ${v}`).join(", ")})`,
      );
    }
  }
}

function checkPortMappings(
  at: string,
  portMappings: unknown,
  expectations: ContainerDefinitionsExpectations,
  errors: string[],
): void {
  eachObject(`${at}.portMappings`, portMappings, "a port mapping object", errors, (mapping, pm) => {
    unknownKeys(pm, mapping, PORT_MAPPING_KEYS, errors);
    const { containerPort, hostPort, protocol } = mapping;
    const brokenPort = port(containerPort as number);
    if (brokenPort) errors.push(`${pm}.containerPort: ${brokenPort}, got: ${show(containerPort)}`);
    if (protocol !== undefined && protocol !== "tcp" && protocol !== "udp") {
      errors.push(`${pm}.protocol: must be "tcp" or "udp", got: ${show(protocol)}`);
    }
    if (hostPort !== undefined && expectations.networkMode === "awsvpc" && hostPort !== containerPort) {
      errors.push(
        `${pm}.hostPort: must equal containerPort (${show(containerPort)}) in awsvpc network mode, got: ${show(hostPort)}`,
      );
    }
  });
}

/** Each entry of a container's `dependsOn`: a container's name and a condition ECS knows (container-dependencies.ts checks the names). */
function checkDependsOn(at: string, dependsOn: unknown, errors: string[]): void {
  const what = 'a container dependency object ({ "containerName", "condition" })';
  eachObject(`${at}.dependsOn`, dependsOn, what, errors, (dependency, d) => {
    unknownKeys(d, dependency, DEPENDENCY_KEYS, errors);
    if (typeof dependency.containerName !== "string") {
      errors.push(`${d}.containerName: is required and must be a string, got: ${show(dependency.containerName)}`);
    }
    const broken = dependencyCondition(dependency.condition);
    if (broken) errors.push(`${d}.condition: ${broken}, got: ${show(dependency.condition)}`);
  });
}

/**
 * The entries of a list a container holds (`portMappings`, `dependsOn`), left out or an array:
 * each object given to `check` with its position, anything else one line.
 */
function eachObject(
  at: string,
  list: unknown,
  what: string,
  errors: string[],
  check: (entry: Record<string, unknown>, at: string) => void,
): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    errors.push(`${at}: must be an array, got: ${show(list)}`);
    return;
  }
  list.forEach((entry: unknown, j) => {
    const here = `${at}[${j}]`;
    if (isObject(entry)) check(entry, here);
    else errors.push(`${here}: must be ${what}, got: ${show(entry)}`);
  });
}

/**
 * Checks an awslogs configuration against the stack, and fills in what the file leaves out:
 * a file without `awslogs-group` or `awslogs-region` sends to the stack's log group in the
 * stack's region, so one file serves every environment. A value the file gives must match.
 */
function checkLogConfiguration(
  at: string,
  logConfiguration: unknown,
  expectations: ContainerDefinitionsExpectations,
  errors: string[],
): void {
  if (logConfiguration === undefined) return;
  const lc = `${at}.logConfiguration`;
  if (!isObject(logConfiguration)) {
    errors.push(`${lc}: must be an object, got: ${show(logConfiguration)}`);
    return;
  }
  unknownKeys(lc, logConfiguration, LOG_CONFIGURATION_KEYS, errors);
  if (logConfiguration.logDriver !== "awslogs") return;
  if (logConfiguration.options !== undefined && !isObject(logConfiguration.options)) {
    errors.push(`${lc}.options: must be an object, got: ${show(logConfiguration.options)}`);
    return;
  }
  const options: Record<string, unknown> = logConfiguration.options ?? {};
  const derived = [
    ["awslogs-group", expectations.logGroupName, "the log group the stack creates"],
    ["awslogs-region", expectations.region, "the provider's region"],
  ] as const;
  for (const [key, expected, what] of derived) {
    const given = options[key];
    if (given === undefined && expected !== undefined) {
      options[key] = expected;
    } else if (given === undefined) {
      errors.push(`${lc}.options.${key}: is required with the awslogs driver, got: undefined`);
    } else if (expected !== undefined && given !== expected) {
      errors.push(`${lc}.options.${key}: must be ${what} (${show(expected)}), got: ${show(given)}`);
    }
  }
  logConfiguration.options = options;
}

function unknownKeys(at: string, object: Record<string, unknown>, known: readonly string[], errors: string[]): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const hint = nearest(key, known);
    errors.push(`${at}.${key}: is not a known key${hint ? ` (did you mean "${hint}"?)` : ""}, got: ${show(key)}`);
  }
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

function typeName(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}
