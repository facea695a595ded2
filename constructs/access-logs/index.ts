// The book's S3 chapter: the bucket the load balancer writes its access logs to, kept
// private, versioned and TLS-only, with the logs expiring after a set number of days.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsElbServiceAccount } from "@cdktf/provider-aws/lib/data-aws-elb-service-account";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { resolveTerraformNames, terraformNamer, TerraformNames } from "../shared/addresses";
import { s3BucketName, wholeNumber } from "../shared/rules";
import { Problems } from "../shared/validation";

/** An AWS account ID's length: the suffix of a bucket name is `-<12 digits>`. */
const ACCOUNT_ID_LENGTH = 12;

/** The longest prefix: with `-<account id>` the name stays within S3's 63 characters. */
export const BUCKET_NAME_PREFIX_MAX_LENGTH = 63 - 1 - ACCOUNT_ID_LENGTH;

/**
 * The bucket's name: the prefix and the account ID. S3 names are global across every AWS
 * account, so a fixed name (the book's `alb-log-pragmatic-terraform`) belongs to whoever
 * created it first and another team's apply fails with `BucketAlreadyExists`; an account's
 * own ID makes the name its own. The preflight computes the same name to check it is free.
 */
export function accountBucketName(prefix: string, accountId: string): string {
  return `${prefix}-${accountId}`;
}

/** A prefix that makes a valid bucket name whatever the (12-digit) account ID. */
export function bucketNamePrefix(value: string): string | undefined {
  const rule = `must be 1 to ${BUCKET_NAME_PREFIX_MAX_LENGTH} characters of lowercase letters, digits, dots and hyphens, beginning with a letter or digit, without '..' or a reserved prefix (the bucket is named \`<prefix>-<account id>\`, at most 63 characters)`;
  if (typeof value !== "string" || value.length > BUCKET_NAME_PREFIX_MAX_LENGTH) return rule;
  return s3BucketName(accountBucketName(value, "0".repeat(ACCOUNT_ID_LENGTH))) === undefined ? undefined : rule;
}

export interface AccessLogBucketProps {
  /**
   * The start of the bucket's name, which is `<prefix>-<account id>` (e.g.
   * `example-prod-alb-logs-123456789012`): unique across all of S3 without anyone choosing
   * a name nobody else has taken.
   */
  readonly bucketNamePrefix: string;
  /**
   * Days after which a log is deleted, from 1.
   * @default 180 (the book's)
   */
  readonly expirationDays?: number;
  /**
   * Days a deleted or expired log stays recoverable as a noncurrent version, from 1.
   * @default 30
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Let `terraform destroy` delete the bucket with its logs in it. Off, a destroy stops at a
   * bucket that holds logs: what production wants, and what a throwaway environment does not.
   * @default false
   */
  readonly forceDestroy?: boolean;
  /**
   * The Terraform names of the bucket and its settings.
   * @default "note" for the stack's first access-log bucket (`aws_s3_bucket.alb_log`, ...), "own" for later ones (`aws_s3_bucket.<id>_alb_log`, ...)
   */
  readonly terraformNames?: TerraformNames;
}

/**
 * Addresses follow the book: `aws_s3_bucket.alb_log`, `aws_s3_bucket_policy.alb_log` and
 * `data.aws_iam_policy_document.alb_log`; the bucket's settings and the data sources the
 * policy reads are `alb_log` too (`aws_s3_bucket_versioning.alb_log`, ...,
 * `data.aws_elb_service_account.alb_log`, `data.aws_caller_identity.alb_log`).
 */
export class AccessLogBucket extends Construct {
  /** The bucket's name, for the load balancer's `access_logs.bucket`. */
  public readonly bucketName: string;
  public readonly bucketArn: string;
  /**
   * The policy that lets the load balancer write: AWS checks it when access logs are turned
   * on, so the load balancer depends on it (`LoadBalancerAccessLogs.dependsOn`).
   */
  public readonly bucketPolicy: S3BucketPolicy;

  public constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const expirationDays = props.expirationDays ?? 180;
    const noncurrentDays = props.noncurrentVersionExpirationDays ?? 30;

    const problems = new Problems(this);
    const named = terraformNamer(resolveTerraformNames(this, "AccessLogBucket", props.terraformNames, problems), id);
    problems.check("bucketNamePrefix", props.bucketNamePrefix, bucketNamePrefix);
    problems.check("expirationDays", expirationDays, wholeNumber(1));
    problems.check("noncurrentVersionExpirationDays", noncurrentDays, wholeNumber(1));
    const address = named("alb_log");

    // The account the bucket's name and its policy's log prefix belong to.
    const account = new DataAwsCallerIdentity(this, "caller_identity", {});
    account.overrideLogicalId(address);

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/creating-buckets-s3.html
    const bucket = new S3Bucket(this, "bucket", {
      bucket: accountBucketName(props.bucketNamePrefix, account.accountId),
      forceDestroy: props.forceDestroy ?? false,
    });
    bucket.overrideLogicalId(address);

    // A log deleted by mistake or by an intruder stays recoverable as a noncurrent version.
    const versioning = new S3BucketVersioningA(this, "versioning", {
      bucket: bucket.id,
      versioningConfiguration: { status: "Enabled" },
    });
    versioning.overrideLogicalId(address);

    // ALB access logs support only SSE-S3 (Amazon S3-managed keys): ELB cannot write to a
    // bucket whose default encryption is SSE-KMS, so a customer-managed key is not an option.
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html#access-log-create-bucket
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    }).overrideLogicalId(address);

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, "public_access_block", {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    publicAccessBlock.overrideLogicalId(address);

    // ACLs off: the bucket owner owns every log, whoever delivered it.
    new S3BucketOwnershipControls(this, "ownership_controls", {
      bucket: bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    }).overrideLogicalId(address);

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: bucket.id,
      rule: [
        {
          id: "expire-logs",
          status: "Enabled",
          filter: [{}],
          expiration: [{ days: expirationDays }],
          // Versioning keeps an expired log as a noncurrent version: delete it too, or nothing ever goes.
          noncurrentVersionExpiration: [{ noncurrentDays }],
          // ELB writes each log in one PUT; this only clears uploads someone else left unfinished.
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      // S3 applies the rule to versions only once versioning is on.
      dependsOn: [versioning],
    }).overrideLogicalId(address);

    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html#attach-bucket-policy
    const elbAccount = new DataAwsElbServiceAccount(this, "elb_service_account", {});
    elbAccount.overrideLogicalId(address);
    const policyDocument = new DataAwsIamPolicyDocument(this, "policy_document", {
      statement: [
        {
          sid: "AllowElbLogDelivery",
          effect: "Allow",
          principals: [{ type: "AWS", identifiers: [elbAccount.arn] }],
          actions: ["s3:PutObject"],
          // The region's ELB account writes for every customer: only this account's prefix, so
          // that nobody else's load balancer can fill the bucket.
          resources: [`${bucket.arn}/AWSLogs/${account.accountId}/*`],
        },
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: ["s3:*"],
          resources: [bucket.arn, `${bucket.arn}/*`],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
      ],
    });
    policyDocument.overrideLogicalId(address);

    const policy = new S3BucketPolicy(this, "policy", {
      bucket: bucket.id,
      policy: policyDocument.json,
      // S3 aborts one of two concurrent changes to a bucket's policy and public access block
      // (OperationAborted): one after the other.
      dependsOn: [publicAccessBlock],
    });
    policy.overrideLogicalId(address);

    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    this.bucketPolicy = policy;
  }
}
