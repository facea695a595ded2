// Creates, or brings into line, the S3 bucket that holds the stacks' Terraform state:
// versioning on (no state version is ever lost), default encryption, all public access
// blocked and a TLS-only bucket policy. Idempotent: each setting is read first and only
// written when it differs, so a second run changes nothing. It refuses a bucket that
// belongs to another account or lives in another region instead of touching it.
// https://developer.hashicorp.com/terraform/language/backend/s3
import {
  BucketLocationConstraint,
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PublicAccessBlockConfiguration,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";

/** One setting of the bucket and what the run did about it. */
export interface BootstrapStep {
  readonly setting: string;
  /** `created`/`set` when this run wrote it, `already so` when it was in place. */
  readonly outcome: "created" | "set" | "already so";
  readonly detail: string;
}

export interface BootstrapResult {
  readonly bucket: string;
  readonly region: string;
  readonly account: string;
  readonly steps: readonly BootstrapStep[];
  /** True when the run wrote nothing. */
  readonly unchanged: boolean;
}

/** A reason not to touch the bucket: it is someone else's, or elsewhere. */
export class BootstrapRefusal extends Error {}

/** The statement that refuses every request not made over TLS. */
export const TLS_ONLY_SID = "DenyInsecureTransport";

export function tlsOnlyStatement(bucket: string): Record<string, unknown> {
  return {
    Sid: TLS_ONLY_SID,
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/**
 * The bucket policy with the TLS-only statement in it: the existing statements are kept
 * (other teams' grants stay), a statement with our Sid is replaced. Undefined when the
 * policy already holds exactly that statement.
 */
export function withTlsOnly(bucket: string, policyJson: string | undefined): string | undefined {
  const wanted = tlsOnlyStatement(bucket);
  const policy = policyJson ? (JSON.parse(policyJson) as { Version?: string; Statement?: unknown }) : {};
  const statements = ([] as unknown[]).concat(policy.Statement ?? []) as Record<string, unknown>[];
  const current = statements.find((s) => s.Sid === TLS_ONLY_SID);
  if (current && sameJson(current, wanted)) return undefined;
  const others = statements.filter((s) => s.Sid !== TLS_ONLY_SID);
  return JSON.stringify({ Version: policy.Version ?? "2012-10-17", Statement: [...others, wanted] });
}

/** Equal as JSON values, whatever the key order (AWS returns policies re-ordered and one-element arrays unwrapped). */
function sameJson(a: unknown, b: unknown): boolean {
  const normal = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.length === 1 ? normal(v[0]) : v.map(normal);
    if (typeof v === "object" && v !== null) {
      return Object.fromEntries(
        Object.entries(v)
          .sort(([x], [y]) => x.localeCompare(y))
          .map(([k, inner]) => [k, normal(inner)]),
      );
    }
    return v;
  };
  return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}

const BLOCK_ALL: Required<PublicAccessBlockConfiguration> = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

function statusOf(error: unknown): number | undefined {
  return error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
}

/** Reads a setting; undefined when S3 answers that the bucket has none (`NoSuch…`/`…NotFound…`). */
async function readOrNone<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof S3ServiceException && /NoSuch|NotFound/.test(error.name)) return undefined;
    throw error;
  }
}

export interface BootstrapOptions {
  readonly bucket: string;
  readonly region: string;
  readonly s3: S3Client;
  readonly sts: STSClient;
}

export async function bootstrapStateBucket({ bucket, region, s3, sts }: BootstrapOptions): Promise<BootstrapResult> {
  const { Account: account = "unknown" } = await sts.send(new GetCallerIdentityCommand({}));
  const steps: BootstrapStep[] = [];

  // The bucket: ours and in the region, or created now.
  let existingRegion: string | undefined;
  try {
    const head = await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    existingRegion = head.BucketRegion ?? region;
  } catch (error) {
    const status = statusOf(error);
    if (status === 403) {
      throw new BootstrapRefusal(
        `bucket "${bucket}" exists but this account (${account}) may not read it: it belongs to another account; choose another name`,
      );
    }
    if (status !== 404) throw error;
  }
  if (existingRegion === undefined) {
    try {
      await s3.send(
        new CreateBucketCommand({
          Bucket: bucket,
          // us-east-1 is the one region that takes no location constraint.
          CreateBucketConfiguration:
            region === "us-east-1" ? undefined : { LocationConstraint: region as BucketLocationConstraint },
        }),
      );
    } catch (error) {
      if (error instanceof S3ServiceException && error.name === "BucketAlreadyExists") {
        throw new BootstrapRefusal(`bucket "${bucket}" belongs to another account; choose another name`);
      }
      throw error;
    }
    steps.push({ setting: "bucket", outcome: "created", detail: `in ${region}` });
  } else {
    const { Buckets = [] } = await s3.send(new ListBucketsCommand({}));
    if (!Buckets.some((b) => b.Name === bucket)) {
      throw new BootstrapRefusal(
        `bucket "${bucket}" exists but belongs to another account, not ${account}; choose another name`,
      );
    }
    if (existingRegion !== region) {
      throw new BootstrapRefusal(
        `bucket "${bucket}" exists in ${existingRegion}, not ${region}: pass --region ${existingRegion} (and set state.region) or choose another name`,
      );
    }
    steps.push({ setting: "bucket", outcome: "already so", detail: `in ${region}, account ${account}` });
  }

  // Versioning: every state write keeps the previous version, so an earlier state can be restored.
  const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  if (versioning.Status === "Enabled") {
    steps.push({ setting: "versioning", outcome: "already so", detail: "enabled" });
  } else {
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }));
    steps.push({ setting: "versioning", outcome: "set", detail: "enabled" });
  }

  // Default encryption: SSE-S3 unless the bucket already has a rule (a KMS key a team chose stays).
  const encryption = await readOrNone(() => s3.send(new GetBucketEncryptionCommand({ Bucket: bucket })));
  const algorithm =
    encryption?.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;
  if (algorithm) {
    steps.push({ setting: "default encryption", outcome: "already so", detail: algorithm });
  } else {
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
        },
      }),
    );
    steps.push({ setting: "default encryption", outcome: "set", detail: "AES256 (SSE-S3)" });
  }

  // All four public access blocks.
  const block = await readOrNone(() => s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })));
  const current = block?.PublicAccessBlockConfiguration ?? {};
  if (Object.entries(BLOCK_ALL).every(([key, value]) => current[key as keyof typeof BLOCK_ALL] === value)) {
    steps.push({ setting: "public access block", outcome: "already so", detail: "all four on" });
  } else {
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: BLOCK_ALL }));
    steps.push({ setting: "public access block", outcome: "set", detail: "all four on" });
  }

  // A bucket policy that refuses requests without TLS, beside whatever else it grants.
  const policy = await readOrNone(() => s3.send(new GetBucketPolicyCommand({ Bucket: bucket })));
  const newPolicy = withTlsOnly(bucket, policy?.Policy);
  if (newPolicy === undefined) {
    steps.push({ setting: "TLS-only policy", outcome: "already so", detail: TLS_ONLY_SID });
  } else {
    await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: newPolicy }));
    steps.push({ setting: "TLS-only policy", outcome: "set", detail: TLS_ONLY_SID });
  }

  return { bucket, region, account, steps, unchanged: steps.every((s) => s.outcome === "already so") };
}

/** The run as a person reads it: one line per setting, then the verdict. */
export function describeBootstrap(result: BootstrapResult): string {
  const width = Math.max(...result.steps.map((s) => s.setting.length));
  const lines = [
    `state bucket ${result.bucket} (${result.region}, account ${result.account}):`,
    ...result.steps.map((s) => `  ${s.setting.padEnd(width)}  ${s.outcome.padEnd(10)}  ${s.detail}`),
    result.unchanged ? "no change: the bucket was already ready" : "the bucket is ready",
  ];
  return `${lines.join("\n")}\n`;
}
