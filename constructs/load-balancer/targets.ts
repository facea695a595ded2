// The load balancer's targets: each a target group of task IPs on one port, and the listener
// rule that forwards its paths and hosts to it. The first keeps the note's addresses and values
// (every path, priority 100, the book's health check); the others are named after their names.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html
import { port, wholeNumber } from "../shared/rules";
import { isUnresolved, Problems, Rule } from "../shared/validation";
import { checkHealthCheck, resolveHealthCheck, TargetGroupHealthCheck } from "./health-check";

/** One target: a target group on a port, and the listener rule that forwards to it. */
export interface LoadBalancerTarget {
  /**
   * The target's name: `aws_lb_target_group.<name>` and `aws_lb_listener_rule.<name>`, its target
   * group named `<load balancer's name>-<name>` (at most 32 characters in all). Lowercase letters,
   * digits and hyphens.
   * @default none, for the first target only: it keeps the note's addresses (`aws_lb_target_group.example`,
   * `aws_lb_listener_rule.example`) and the load balancer's name; every other target needs one
   */
  readonly name?: string;
  /** The port the target's containers listen on: the target group's port. */
  readonly port: number;
  /**
   * The paths the rule forwards (`path-pattern` condition), e.g. `["/admin/*"]`: case-sensitive,
   * `*` and `?` as wildcards.
   * @default `["/*"]`, every path (the note's), unless `hostHeaders` is given: then any path of those hosts
   */
  readonly pathPatterns?: string[];
  /**
   * The hosts the rule forwards (`host-header` condition), e.g. `["admin.example.com"]`; with
   * `pathPatterns`, a request must match both.
   * @default none: any host (the note's)
   */
  readonly hostHeaders?: string[];
  /**
   * The rule's priority on the listener, 1 to 50000, unique: the listener tries its rules from the
   * lowest number up and forwards to the first that matches, so a narrower rule needs a lower
   * number than a rule of every path (`/*`).
   * @default 100 (the note's)
   */
  readonly priority?: number;
  /**
   * The target group's health check.
   * @default the book's: `/`, matcher 200, every 30 s, timeout 5 s, healthy after 5 checks, unhealthy after 2
   */
  readonly healthCheck?: TargetGroupHealthCheck;
}

/** The book's one target, when a load balancer is given none: the note's containers on port 80. */
export const BOOK_TARGET: LoadBalancerTarget = { port: 80 };

/** A target with every default resolved. */
export interface ResolvedTarget {
  readonly name?: string;
  readonly port: number;
  readonly pathPatterns: readonly string[];
  readonly hostHeaders: readonly string[];
  readonly priority: number;
  readonly healthCheck: Required<TargetGroupHealthCheck>;
}

export function resolveTarget(target: LoadBalancerTarget): ResolvedTarget {
  const hostHeaders = target.hostHeaders ?? [];
  return {
    name: target.name,
    port: target.port,
    pathPatterns: target.pathPatterns ?? (hostHeaders.length > 0 ? [] : ["/*"]),
    hostHeaders,
    priority: target.priority ?? 100,
    healthCheck: resolveHealthCheck(target.healthCheck),
  };
}

/** The rule of every path on any host: a rule with a higher priority number never sees a request. */
const EVERY_PATH = "/*";

/** ALB's path-pattern values: up to 128 characters of its set, `*` and `?` as wildcards. */
const pathPattern: Rule<string> = (value) =>
  typeof value === "string" && /^[A-Za-z0-9_\-.$/~"'@:+&*?]{1,128}$/.test(value)
    ? undefined
    : `must be 1 to 128 characters of letters, digits and _-.$/~"'@:+&*? (a path such as /admin/*)`;

/** ALB's host-header values: a host name with a dot and only letters after the last one; `*` and `?` as wildcards. */
const hostHeader: Rule<string> = (value) =>
  typeof value === "string" && /^[A-Za-z0-9.*?-]{1,128}$/.test(value) && /\.[A-Za-z]+$/.test(value)
    ? undefined
    : "must be a host name of 1 to 128 letters, digits and -.*? ending with a dot and letters, such as admin.example.com";

/** A target's name, and the room its target group's name `<load balancer's name>-<name>` leaves it. */
function targetName(loadBalancerName: string): Rule<string> {
  return (value) => {
    if (typeof value !== "string" || !/^[a-z]([a-z0-9-]*[a-z0-9])?$/.test(value)) {
      return "must be lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen";
    }
    const room = 32 - loadBalancerName.length - 1;
    return isUnresolved(loadBalancerName) || value.length <= room
      ? undefined
      : `must be at most ${room} characters: its target group is named "${loadBalancerName}-<name>", at most 32`;
  };
}

/** The (path, host) pairs a target forwards, `*` standing for any host or any path. */
function conditionPairs(target: ResolvedTarget): string[] {
  const paths = target.pathPatterns.length > 0 ? target.pathPatterns : ["*"];
  const hosts = target.hostHeaders.length > 0 ? target.hostHeaders : ["*"];
  return paths.flatMap((path) => hosts.map((host) => `${path} on ${host === "*" ? "any host" : host}`));
}

/**
 * Every problem of the targets together: each target's own values, then what they must not share on
 * one listener (names, priorities, path and host pairs), and a rule no request would ever reach.
 */
export function checkTargets(
  problems: Problems,
  targets: readonly ResolvedTarget[],
  loadBalancerName: string,
  given: readonly LoadBalancerTarget[] | undefined,
): void {
  if (given !== undefined && given.length === 0) {
    problems.report("targets", "must hold at least one target: the listener rule forwards to it", given);
    return;
  }
  targets.forEach((target, i) => {
    const at = `targets[${i}]`;
    if (target.name === undefined && i > 0) {
      problems.report(
        `${at}.name`,
        "must be given: only the first target keeps the note's addresses (example), the others are named after theirs",
        target.name,
      );
    }
    if (target.name !== undefined) problems.check(`${at}.name`, target.name, targetName(loadBalancerName));
    problems.check(`${at}.port`, target.port, port);
    problems.check(`${at}.priority`, target.priority, wholeNumber(1, 50000));
    checkConditionValues(problems, at, "pathPatterns", target.pathPatterns, given?.[i]?.pathPatterns, pathPattern);
    checkConditionValues(problems, at, "hostHeaders", target.hostHeaders, given?.[i]?.hostHeaders, hostHeader);
    checkHealthCheck(problems, target.healthCheck, `${at}.healthCheck`);
  });
  checkUnique(problems, targets, "name", "must be unique");
  checkUnique(problems, targets, "priority", "must be unique on the listener");
  const repeated = checkConditionPairs(problems, targets);
  checkShadowed(problems, targets, repeated);
}

function checkConditionValues(
  problems: Problems,
  at: string,
  key: "pathPatterns" | "hostHeaders",
  values: readonly string[],
  given: readonly string[] | undefined,
  rule: Rule<string>,
): void {
  if (given !== undefined && given.length === 0) {
    problems.report(`${at}.${key}`, "must not be empty: leave it out instead", given);
    return;
  }
  values.forEach((value, k) => problems.check(`${at}.${key}[${k}]`, value, rule));
}

/** A value two targets may not share: each later holder is reported, naming the first. */
function checkUnique(
  problems: Problems,
  targets: readonly ResolvedTarget[],
  key: "name" | "priority",
  rule: string,
): void {
  const first = new Map<unknown, number>();
  targets.forEach((target, i) => {
    const value = target[key];
    if (value === undefined || isUnresolved(value)) return;
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, i);
    else
      problems.report(`targets[${i}].${key}`, `${rule}: \`targets[${earlier}]\` has it too`, value, [
        `targets[${earlier}]`,
      ]);
  });
}

/** Two targets that forward one path on one host: one line per later target. Returns the targets reported. */
function checkConditionPairs(problems: Problems, targets: readonly ResolvedTarget[]): Set<number> {
  const holders = new Map<string, number>();
  const reported = new Set<number>();
  targets.forEach((target, i) => {
    if (isUnresolved([...target.pathPatterns, ...target.hostHeaders])) return;
    for (const pair of conditionPairs(target)) {
      const earlier = holders.get(pair);
      if (earlier !== undefined && earlier !== i && !reported.has(i)) {
        reported.add(i);
        const key = target.pathPatterns.length > 0 ? "pathPatterns" : "hostHeaders";
        problems.report(
          `targets[${i}].${key}`,
          `must not forward what \`targets[${earlier}]\` forwards too (${pair}): only the rule with the lower priority would ever match it`,
          target[key],
          [`targets[${earlier}]`],
        );
      }
      if (earlier === undefined) holders.set(pair, i);
    }
  });
  return reported;
}

/** A rule behind a rule of every path on any host: the listener never gets to it. */
function checkShadowed(problems: Problems, targets: readonly ResolvedTarget[], repeated: Set<number>): void {
  const valid = (priority: number) => !isUnresolved(priority) && wholeNumber(1, 50000)(priority) === undefined;
  const catchAll = targets
    .map((target, i) => ({ target, i }))
    .filter(({ target }) => target.hostHeaders.length === 0 && target.pathPatterns.includes(EVERY_PATH))
    // A target that repeats another's paths is reported once, for that: it shadows nothing here.
    .filter(({ target, i }) => valid(target.priority) && !repeated.has(i));
  targets.forEach((target, i) => {
    if (repeated.has(i) || !valid(target.priority)) return;
    const before = catchAll.find((c) => c.i !== i && c.target.priority < target.priority);
    if (!before) return;
    problems.report(
      `targets[${i}].priority`,
      `must be below \`targets[${before.i}].priority\` (${before.target.priority}): that rule forwards every path on any host, so this one would never match`,
      target.priority,
      [`targets[${before.i}].priority`],
    );
  });
}

/**
 * A load balancer's security group that lets only some ports out must let out every target's
 * port: the load balancer could not reach a target on any other (its health checks fail).
 */
export function checkEgressReachesTargets(
  problems: Problems,
  property: string,
  egressPorts: readonly number[] | undefined,
  targets: readonly ResolvedTarget[],
): void {
  if (egressPorts === undefined || isUnresolved(egressPorts)) return;
  const missing = targets
    .map((target, i) => ({ port: target.port, i }))
    .filter(({ port: p }) => !isUnresolved(p) && port(p) === undefined && !egressPorts.includes(p));
  if (missing.length === 0) return;
  const shown = missing.map(({ port: p, i }) => `${p} (\`targets[${i}]\`)`).join(", ");
  problems.report(
    property,
    `must let out every target's port, or the load balancer cannot reach it: ${shown} ${missing.length === 1 ? "is" : "are"} missing`,
    egressPorts,
    missing.map(({ i }) => `targets[${i}]`),
  );
}
