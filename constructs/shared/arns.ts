// The parts of an ARN, for the constructs that read ARNs from their props (secrets, KMS keys) and
// the ones that write ARNs for a region (key policies, parameter ARNs).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html

/** An ARN split into its parts: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** The parts of an ARN, or undefined when the value is not one. */
export function parseArn(value: string): Arn | undefined {
  const match = /^arn:(aws|aws-cn|aws-us-gov):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):(.+)$/.exec(value);
  if (!match) return undefined;
  const [, partition = "", service = "", region = "", account = "", resource = ""] = match;
  return { partition, service, region, account, resource };
}

/** The partition of a region's ARNs: China and GovCloud regions have their own. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}
