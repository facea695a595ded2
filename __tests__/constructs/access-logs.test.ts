import { AccessLogBucket, AccessLogBucketProps, accountBucketName } from "../../constructs/access-logs";
import { LoadBalancer } from "../../constructs/load-balancer";
import { addresses, dataSource, resolved, resource, synthJson, testStack, validationErrors } from "../helpers/synth";

function build(overrides: Partial<AccessLogBucketProps> = {}) {
  const stack = testStack();
  const bucket = new AccessLogBucket(stack, "accessLogs", { bucketNamePrefix: "alb-log-example", ...overrides });
  return { stack, bucket, json: synthJson(stack) };
}

describe("AccessLogBucket", () => {
  describe("defaults", () => {
    it("has the book's addresses, alb_log throughout", () => {
      expect(addresses(build().json)).toEqual([
        "aws_s3_bucket.alb_log",
        "aws_s3_bucket_lifecycle_configuration.alb_log",
        "aws_s3_bucket_ownership_controls.alb_log",
        "aws_s3_bucket_policy.alb_log",
        "aws_s3_bucket_public_access_block.alb_log",
        "aws_s3_bucket_server_side_encryption_configuration.alb_log",
        "aws_s3_bucket_versioning.alb_log",
        "data.aws_caller_identity.alb_log",
        "data.aws_elb_service_account.alb_log",
        "data.aws_iam_policy_document.alb_log",
      ]);
    });

    it("names the bucket after the prefix and the account, so that no other account can hold the name; a destroy does not empty it", () => {
      expect(resource(build().json, "aws_s3_bucket", "alb_log")).toMatchObject({
        bucket: "alb-log-example-${data.aws_caller_identity.alb_log.account_id}",
        force_destroy: false,
      });
    });

    it("takes a prefix of 50 characters, the most that leaves room for -<account id> in S3's 63", () => {
      const prefix = `a${"b".repeat(48)}c`;
      const { stack, json } = build({ bucketNamePrefix: prefix });
      expect(validationErrors(stack)).toEqual([]);
      expect(resource(json, "aws_s3_bucket", "alb_log").bucket).toBe(
        `${prefix}-\${data.aws_caller_identity.alb_log.account_id}`,
      );
      expect(accountBucketName(prefix, "123456789012")).toHaveLength(63);
    });

    it("derives the same name as the preflight checks", () => {
      expect(accountBucketName("alb-log-example", "123456789012")).toBe("alb-log-example-123456789012");
    });

    it("turns versioning on", () => {
      expect(resource(build().json, "aws_s3_bucket_versioning", "alb_log")).toMatchObject({
        bucket: "${aws_s3_bucket.alb_log.id}",
        versioning_configuration: { status: "Enabled" },
      });
    });

    it("encrypts with SSE-S3, the only encryption ALB access logs support", () => {
      expect(resource(build().json, "aws_s3_bucket_server_side_encryption_configuration", "alb_log")).toMatchObject({
        bucket: "${aws_s3_bucket.alb_log.id}",
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }],
      });
    });

    it("blocks all public access", () => {
      expect(resource(build().json, "aws_s3_bucket_public_access_block", "alb_log")).toMatchObject({
        bucket: "${aws_s3_bucket.alb_log.id}",
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
    });

    it("turns ACLs off: the bucket owner owns every log", () => {
      expect(resource(build().json, "aws_s3_bucket_ownership_controls", "alb_log")).toMatchObject({
        rule: { object_ownership: "BucketOwnerEnforced" },
      });
    });

    it("expires logs after the book's 180 days, and their noncurrent versions after 30, once versioning is on", () => {
      const lifecycle = resource(build().json, "aws_s3_bucket_lifecycle_configuration", "alb_log");
      expect(lifecycle.rule).toEqual([
        expect.objectContaining({
          status: "Enabled",
          filter: [{}],
          expiration: [{ days: 180 }],
          noncurrent_version_expiration: [{ noncurrent_days: 30 }],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        }),
      ]);
      expect(lifecycle.depends_on).toEqual(["aws_s3_bucket_versioning.alb_log"]);
    });

    it("lets the region's ELB account write this account's logs, and nothing in over plain HTTP", () => {
      expect(dataSource(build().json, "aws_iam_policy_document", "alb_log").statement).toEqual([
        expect.objectContaining({
          effect: "Allow",
          principals: [{ type: "AWS", identifiers: ["${data.aws_elb_service_account.alb_log.arn}"] }],
          actions: ["s3:PutObject"],
          resources: ["${aws_s3_bucket.alb_log.arn}/AWSLogs/${data.aws_caller_identity.alb_log.account_id}/*"],
        }),
        expect.objectContaining({
          effect: "Deny",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: ["s3:*"],
          resources: ["${aws_s3_bucket.alb_log.arn}", "${aws_s3_bucket.alb_log.arn}/*"],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        }),
      ]);
    });

    it("attaches the policy after the public access block", () => {
      expect(resource(build().json, "aws_s3_bucket_policy", "alb_log")).toMatchObject({
        bucket: "${aws_s3_bucket.alb_log.id}",
        policy: "${data.aws_iam_policy_document.alb_log.json}",
        depends_on: ["aws_s3_bucket_public_access_block.alb_log"],
      });
    });

    it("exposes the bucket's name and ARN, and the policy for the load balancer's dependsOn", () => {
      const { stack, bucket } = build();
      expect(resolved(stack, bucket.bucketName)).toBe("${aws_s3_bucket.alb_log.bucket}");
      expect(resolved(stack, bucket.bucketArn)).toBe("${aws_s3_bucket.alb_log.arn}");
      expect(bucket.bucketPolicy.friendlyUniqueId).toBe("alb_log");
    });

    it("accepts valid input", () => {
      expect(validationErrors(build().stack)).toEqual([]);
    });
  });

  describe("overrides", () => {
    it("expires logs after the given days", () => {
      const { json } = build({ expirationDays: 400, noncurrentVersionExpirationDays: 7 });
      expect(resource(json, "aws_s3_bucket_lifecycle_configuration", "alb_log").rule).toEqual([
        expect.objectContaining({
          expiration: [{ days: 400 }],
          noncurrent_version_expiration: [{ noncurrent_days: 7 }],
        }),
      ]);
    });

    it("lets a destroy delete the logs in a throwaway environment", () => {
      expect(resource(build({ forceDestroy: true }).json, "aws_s3_bucket", "alb_log").force_destroy).toBe(true);
    });

    it("takes its own addresses as a second bucket", () => {
      const stack = testStack();
      new AccessLogBucket(stack, "accessLogs", { bucketNamePrefix: "alb-log-example" });
      new AccessLogBucket(stack, "admin", { bucketNamePrefix: "alb-log-admin" });
      expect(addresses(synthJson(stack))).toEqual(
        expect.arrayContaining(["aws_s3_bucket.admin_alb_log", "aws_s3_bucket_policy.admin_alb_log"]),
      );
    });
  });

  describe("validation", () => {
    it.each<[string, Partial<AccessLogBucketProps>, string]>([
      ...(
        [
          ["uppercase letters", "ALB-Logs"],
          ["an empty prefix", ""],
          ["a prefix too long for the account ID after it (51 characters)", "a".repeat(51)],
          ["a leading hyphen", "-alb-logs"],
          ["two dots", "alb..logs"],
          ["a reserved prefix", "xn--alb-logs"],
          ["an underscore", "alb_logs"],
        ] as const
      ).map(([what, value]): [string, Partial<AccessLogBucketProps>, string] => [
        `a bucket name prefix with ${what}`,
        { bucketNamePrefix: value },
        `test/accessLogs: \`bucketNamePrefix\` must be 1 to 50 characters of lowercase letters, digits, dots and hyphens, beginning with a letter or digit, without '..' or a reserved prefix (the bucket is named \`<prefix>-<account id>\`, at most 63 characters), got: ${JSON.stringify(value)}`,
      ]),
      [
        "an expiration of 0 days",
        { expirationDays: 0 },
        "test/accessLogs: `expirationDays` must be a whole number from 1, got: 0",
      ],
      [
        "a negative expiration",
        { expirationDays: -30 },
        "test/accessLogs: `expirationDays` must be a whole number from 1, got: -30",
      ],
      [
        "a fractional expiration",
        { expirationDays: 1.5 },
        "test/accessLogs: `expirationDays` must be a whole number from 1, got: 1.5",
      ],
      [
        "noncurrent versions kept 0 days",
        { noncurrentVersionExpirationDays: 0 },
        "test/accessLogs: `noncurrentVersionExpirationDays` must be a whole number from 1, got: 0",
      ],
    ])("rejects %s", (_, overrides, message) => {
      expect(validationErrors(build(overrides).stack)).toEqual([message]);
    });
  });
});

describe("an access-log bucket and a load balancer together", () => {
  it("turns the load balancer's access logs on after the bucket policy", () => {
    const stack = testStack();
    const bucket = new AccessLogBucket(stack, "accessLogs", { bucketNamePrefix: "alb-log-example" });
    new LoadBalancer(stack, "loadBalancer", {
      name: "example",
      securityGroupName: "http-sg",
      vpcId: "vpc-123",
      subnetIds: ["subnet-a", "subnet-c"],
      accessLogs: { bucket: bucket.bucketName, dependsOn: [bucket.bucketPolicy] },
    });
    expect(validationErrors(stack)).toEqual([]);
    expect(resource(synthJson(stack), "aws_lb", "example")).toMatchObject({
      access_logs: { bucket: "${aws_s3_bucket.alb_log.bucket}", enabled: true },
      depends_on: ["aws_s3_bucket_policy.alb_log"],
    });
  });
});
