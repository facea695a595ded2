// The one rule of a KMS key's ARN, and the parts of an ARN, that every construct reading or
// writing ARNs uses.
import { parseArn, partitionOf } from "../../../constructs/shared/arns";
import { kmsKeyArn } from "../../../constructs/shared/rules";

const KEY_RULE = "must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>), not an alias or a key id";

describe("kmsKeyArn", () => {
  it.each([
    "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "arn:aws-cn:kms:cn-north-1:123456789012:key/k-1",
    "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/k-1",
  ])("accepts %s", (arn) => {
    expect(kmsKeyArn(arn)).toBeUndefined();
  });

  it.each([
    ["an alias's ARN", "arn:aws:kms:ap-northeast-1:123456789012:alias/logs"],
    ["an alias name", "alias/logs"],
    ["a bare key id", "1234abcd-12ab-34cd-56ef-1234567890ab"],
    ["another service's ARN", "arn:aws:ssm:ap-northeast-1:123456789012:parameter/key"],
    ["an account of 11 digits", "arn:aws:kms:ap-northeast-1:12345678901:key/k-1"],
  ])("rejects %s", (_, value) => {
    expect(kmsKeyArn(value)).toBe(KEY_RULE);
  });
});

describe("parseArn", () => {
  it("splits an ARN into its parts, the resource with its colons", () => {
    expect(parseArn("arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:db-AbCdEf:password::")).toEqual({
      partition: "aws",
      service: "secretsmanager",
      region: "ap-northeast-1",
      account: "123456789012",
      resource: "secret:db-AbCdEf:password::",
    });
  });

  it.each(["alias/logs", "arn:aws:kms", "arn:other:kms:ap-northeast-1:123456789012:key/k-1"])(
    "is undefined for %s",
    (value) => {
      expect(parseArn(value)).toBeUndefined();
    },
  );
});

describe("partitionOf", () => {
  it.each([
    ["ap-northeast-1", "aws"],
    ["cn-northwest-1", "aws-cn"],
    ["us-gov-west-1", "aws-us-gov"],
  ])("knows %s is in the partition %s", (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });
});
