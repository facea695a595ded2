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

/** An AWS region code such as `ap-northeast-1`. */
export function awsRegion(value: string): string | undefined {
  return typeof value === "string" && /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(value)
    ? undefined
    : "must be an AWS region such as ap-northeast-1";
}

/**
 * A name S3 accepts for a general purpose bucket.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function s3BucketName(value: string): string | undefined {
  const rule =
    "must be 3 to 63 characters of lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit, not an IP address, without '..' or a reserved prefix or suffix";
  if (typeof value !== "string" || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value)) return rule;
  if (value.includes("..") || /^\d+\.\d+\.\d+\.\d+$/.test(value)) return rule;
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(value) || /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(value)) {
    return rule;
  }
  return undefined;
}
