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

/** The retention periods CloudWatch Logs accepts, in days (0: never expire). */
export const CLOUDWATCH_LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** A retention period CloudWatch Logs accepts, in days. */
export const logRetentionDays = oneOf<number>(CLOUDWATCH_LOG_RETENTION_DAYS);

/** Names CloudWatch Logs accepts for log groups. */
export const logGroupName = awsName(512, /^[.\-_/#A-Za-z0-9]+$/, "letters, digits and ._-/#");

/**
 * A DNS name ACM and Route 53 accept: labels of letters, digits and hyphens, at most 253
 * characters, optionally a wildcard (`*.`) first label; no trailing dot.
 */
export function domainName(value: string): string | undefined {
  const label = "(?!-)[a-z0-9-]{1,63}(?<!-)";
  const pattern = new RegExp(`^(\\*\\.)?(${label}\\.)+${label}$`);
  return typeof value === "string" && value.length <= 253 && pattern.test(value)
    ? undefined
    : "must be a lowercase DNS name such as example.com or *.example.com, at most 253 characters, without a trailing dot";
}

/** A KMS alias name: `alias/` and letters, digits, `/_-`, not in the reserved `alias/aws/` space. */
export const kmsAliasName = awsName(
  256,
  /^alias\/(?!aws\/)[A-Za-z0-9/_-]+$/,
  "alias/ then letters, digits and /_-, not starting with alias/aws/",
);

/**
 * A KMS key's ARN: CloudWatch Logs takes only that for `kms_key_id` (an alias or a bare key id is
 * rejected), and IAM matches `kms:Decrypt` against the key's ARN, never an alias's.
 */
export function kmsKeyArn(value: string): string | undefined {
  return typeof value === "string" &&
    /^arn:(aws|aws-cn|aws-us-gov):kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/.test(value)
    ? undefined
    : "must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>), not an alias or a key id";
}

/**
 * A container image reference as ECS pulls it: `repository[:tag]` or `repository@sha256:<digest>`,
 * the repository optionally behind a registry (`host[:port]/`). A `:` with no tag after it
 * (`nginx:`) or an `@` with no digest is an error here rather than a failed pull after the apply.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
 */
export function imageReference(value: string): string | undefined {
  if (typeof value !== "string" || !/^[A-Za-z0-9_.:/#@-]{1,255}$/.test(value)) {
    return "must be an image reference (repository:tag or repository@sha256:digest) of 1 to 255 letters, digits and -_.:/#@";
  }
  const at = value.indexOf("@");
  const name = at < 0 ? value : value.slice(0, at);
  const colon = name.indexOf(":", name.lastIndexOf("/") + 1);
  const repository = colon < 0 ? name : name.slice(0, colon);
  if (repository === "" || repository.endsWith("/")) {
    return "must name a repository before its tag or digest (nginx:1.27.3, nginx@sha256:<digest>)";
  }
  if (colon >= 0 && !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(name.slice(colon + 1))) {
    return 'must have a tag of 1 to 128 letters, digits and _.- after its ":" (nginx:1.27.3), or no ":" at all';
  }
  if (at >= 0 && !/^sha256:[a-f0-9]{64}$/.test(value.slice(at + 1))) {
    return 'must have a digest after its "@": sha256: and 64 lowercase hex digits (nginx@sha256:<digest>)';
  }
  return undefined;
}
