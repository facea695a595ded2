import { Rule } from "./validation";

/** A whole number within [min, max]. */
export function wholeNumber(min: number, max?: number): Rule<number> {
  const range = max === undefined ? `from ${min}` : `from ${min} to ${max}`;
  return (value) =>
    typeof value === "number" && Number.isInteger(value) && value >= min && (max === undefined || value <= max)
      ? undefined
      : `must be a whole number ${range}`;
}

/** A TCP or UDP port a container or target listens on. */
export const port = wholeNumber(1, 65535);

/** One of a fixed list of values. */
export function oneOf<T>(allowed: readonly T[], describe: string = allowed.join(", ")): Rule<T> {
  return (value) => (allowed.includes(value) ? undefined : `must be one of ${describe}`);
}

/** A name of at most `maxLength` characters matching `pattern`, as `what` describes it. */
export function awsName(maxLength: number, pattern: RegExp, what: string): Rule<string> {
  return (value) =>
    typeof value === "string" && value.length >= 1 && value.length <= maxLength && pattern.test(value)
      ? undefined
      : `must be 1 to ${maxLength} characters of ${what}`;
}

/** Names AWS accepts for ECS clusters, services, task definition families and containers. */
export const ecsName = awsName(255, /^[A-Za-z0-9_-]+$/, "letters, digits, hyphens and underscores");

/** Names AWS accepts for load balancers and target groups. */
export const elbName = awsName(
  32,
  /^(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
  "letters, digits and hyphens, not starting or ending with a hyphen",
);

/** Non-empty array. */
export function nonEmpty<T>(value: readonly T[]): string | undefined {
  return Array.isArray(value) && value.length > 0 ? undefined : "must not be empty";
}
