// The command lines of rollout, rollback and releases: one stack, then options. A mistake is one
// line naming the option, the rule and the value; exit code 2, as for any usage error.
import * as fs from "fs";
import * as path from "path";
import { listStacks } from "../plan-review/stacks";
import { show } from "../constructs/shared/validation";
import { ReleaseError } from "./errors";
import { splitImage } from "./image";

export interface ReleaseArgs {
  /** A stack name (`ecs-fargate-dev`) or an environment (`dev`). */
  readonly stack: string;
  /**
   * The service, by its key in the environment's `services` (its Terraform name: `worker` is
   * `aws_ecs_service.worker`). @default the note's, `example`
   */
  readonly service?: string;
  readonly image?: string;
  readonly container?: string;
  readonly timeoutSeconds: number;
  readonly limit: number;
}

export const USAGE = {
  rollout:
    "usage: npm run rollout -- <stack> [--service <key>] [--image <repository:tag | repository@sha256:digest>] [--container <name>] [--timeout <600 | 90s | 10m>]",
  rollback: "usage: npm run rollback -- <stack> [--service <key>] [--timeout <600 | 90s | 10m>]",
  releases: "usage: npm run releases -- <stack> [--service <key>] [--limit <n>]",
} as const;

export type Command = keyof typeof USAGE;

const OPTIONS: Record<Command, readonly string[]> = {
  rollout: ["--service", "--image", "--container", "--timeout"],
  rollback: ["--service", "--timeout"],
  releases: ["--service", "--limit"],
};

/** Seconds from `600`, `90s` or `10m`. */
export function parseDuration(value: string, option: string): number {
  const match = /^([1-9][0-9]*)(s|m)?$/.exec(value);
  if (!match) throw new ReleaseError(`${option} must be a duration such as 600, 90s or 10m, got: ${show(value)}`, 2);
  return Number(match[1]) * (match[2] === "m" ? 60 : 1);
}

export function parseArgs(command: Command, argv: readonly string[]): ReleaseArgs {
  const usage = (problem: string) => new ReleaseError(`${problem}\n${USAGE[command]}`, 2);
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name = "", inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg];
    if (!OPTIONS[command].includes(name)) throw usage(`unknown option ${name}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw usage(`${name} needs a value`);
    if (values.has(name)) throw usage(`${name} given twice`);
    values.set(name, value);
  }
  const [stack, ...extra] = positional;
  if (stack === undefined) throw usage("name the stack");
  if (extra.length > 0) throw usage(`one stack at a time, got: ${positional.map((p) => show(p)).join(" ")}`);
  const image = values.get("--image");
  if (image !== undefined) {
    const parsed = splitImage(image);
    if (typeof parsed === "string") throw new ReleaseError(parsed, 2);
  }
  const service = values.get("--service");
  if (service !== undefined && !/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(service)) {
    throw new ReleaseError(
      `--service must be a service's key in the environment's settings (worker; example, the note's, by default), got: ${show(service)}`,
      2,
    );
  }
  const container = values.get("--container");
  if (container !== undefined && !/^[A-Za-z0-9_-]{1,255}$/.test(container)) {
    throw new ReleaseError(
      `--container must be a container name (letters, digits, _ and -), got: ${show(container)}`,
      2,
    );
  }
  const limitText = values.get("--limit") ?? "10";
  if (!/^[1-9][0-9]{0,2}$/.test(limitText)) {
    throw new ReleaseError(`--limit must be a whole number from 1 to 999, got: ${show(limitText)}`, 2);
  }
  return {
    stack,
    service,
    image,
    container,
    timeoutSeconds: parseDuration(values.get("--timeout") ?? "600", "--timeout"),
    limit: Number(limitText),
  };
}

/** The stack a command line names: a stack of the synthesized app, or an environment (`dev` for `ecs-fargate-dev`). */
export function resolveStack(
  wanted: string,
  out: string,
  env: NodeJS.ProcessEnv = process.env,
  root: string = process.cwd(),
): string {
  if (!fs.existsSync(path.join(out, "manifest.json"))) {
    const relative = path.relative(process.cwd(), out) || ".";
    // deploy:local synthesized into .local/cdktf.out: this shell lacks the endpoint's environment.
    const local = !env.AWS_ENDPOINT_URL && fs.existsSync(path.join(root, ".local", "cdktf.out", "manifest.json"));
    throw new ReleaseError(
      `no synthesized app in ${relative}: run npm run synth (or npm run plan) first` +
        (local ? '; for the local endpoint, run eval "$(scripts/emulator/env.sh)" first' : ""),
    );
  }
  const stacks = listStacks(out);
  const found = stacks.find((s) => s === wanted) ?? stacks.find((s) => s.endsWith(`-${wanted}`));
  if (!found) throw new ReleaseError(`no stack ${show(wanted)}: the app has ${stacks.join(", ") || "no stacks"}`);
  return found;
}
