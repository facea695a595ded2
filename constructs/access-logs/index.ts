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

export interface AccessLogBucketProps {
  /** The bucket's name, unique across all of S3 (the book's `alb-log-pragmatic-terraform`). */
  readonly bucketName: string;
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
    problems.check("bucketName", props.bucketName, s3BucketName);
    problems.check("expirationDays", expirationDays, wholeNumber(1));
    problems.check("noncurrentVersionExpirationDays", noncurrentDays, wholeNumber(1));
    const address = named("alb_log");

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/creating-buckets-s3.html
    const bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
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
    const account = new DataAwsCallerIdentity(this, "caller_identity", {});
    account.overrideLogicalId(address);
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
