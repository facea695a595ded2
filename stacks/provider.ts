// The AWS provider of a stack: real AWS, or an AWS-compatible endpoint (the local emulator).
import { AwsProviderConfig } from "@cdktf/provider-aws/lib/provider";
import { EnvironmentSettings } from "../config";

/** The AWS services the stacks' resources and data sources call: each is sent to the emulator's endpoint. */
export const EMULATED_SERVICES = [
  "ec2",
  "ecs",
  "elb",
  "elbv2",
  "iam",
  "sts",
  "logs",
  "ssm",
  "kms",
  "s3",
  "acm",
  "route53",
  "wafv2",
  "applicationautoscaling",
  "ecr",
  "events",
] as const;

/** What the provider takes of an environment (the CI-roles stack gives the same). */
export type ProviderSettings = Pick<EnvironmentSettings, "region" | "project" | "environment" | "stackName">;

/** The tags every taggable resource gets through the provider's `default_tags`. */
export function defaultTags(settings: ProviderSettings): Record<string, string> {
  return { Project: settings.project, Environment: settings.environment, ManagedBy: `cdktf:${settings.stackName}` };
}

/**
 * For real AWS: the region and the default tags, nothing else (credentials come from the
 * environment). For an endpoint: test credentials, the account checks skipped, every
 * service sent to it.
 */
export function awsProviderConfig(settings: ProviderSettings, endpoint: string | undefined): AwsProviderConfig {
  const common = { region: settings.region, defaultTags: [{ tags: defaultTags(settings) }] };
  if (endpoint === undefined) return common;
  return {
    ...common,
    accessKey: "test",
    secretKey: "test",
    skipCredentialsValidation: true,
    skipRequestingAccountId: true,
    skipMetadataApiCheck: "true",
    skipRegionValidation: true,
    s3UsePathStyle: true,
    endpoints: [Object.fromEntries(EMULATED_SERVICES.map((service) => [service, endpoint]))],
  };
}
