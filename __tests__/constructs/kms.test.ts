import { CustomerManagedKey, CustomerManagedKeyProps } from "../../constructs/kms";
import { addresses, dataSource, resolved, resource, synthJson, testStack, validationErrors } from "../helpers/synth";

function build(overrides: Partial<CustomerManagedKeyProps> = {}) {
  const stack = testStack();
  const key = new CustomerManagedKey(stack, "kms", {
    aliasName: "alias/example",
    region: "ap-northeast-1",
    ...overrides,
  });
  return { stack, key, json: synthJson(stack) };
}

describe("CustomerManagedKey", () => {
  describe("defaults", () => {
    it("has the book's addresses", () => {
      expect(addresses(build().json)).toEqual([
        "aws_kms_alias.example",
        "aws_kms_key.example",
        "data.aws_caller_identity.kms",
        "data.aws_iam_policy_document.kms",
      ]);
    });

    it("creates the book's key: enabled, rotated, deleted 30 days after a destroy, with its policy", () => {
      expect(resource(build().json, "aws_kms_key", "example")).toMatchObject({
        description: "Example Customer Master Key",
        enable_key_rotation: true,
        is_enabled: true,
        deletion_window_in_days: 30,
        policy: "${data.aws_iam_policy_document.kms.json}",
      });
    });

    it("names it with the alias", () => {
      expect(resource(build().json, "aws_kms_alias", "example")).toMatchObject({
        name: "alias/example",
        target_key_id: "${aws_kms_key.example.key_id}",
      });
    });

    it("keeps the account's full access and lets CloudWatch Logs use it for this account's log groups", () => {
      expect(dataSource(build().json, "aws_iam_policy_document", "kms").statement).toEqual([
        expect.objectContaining({
          effect: "Allow",
          principals: [{ type: "AWS", identifiers: ["arn:aws:iam::${data.aws_caller_identity.kms.account_id}:root"] }],
          actions: ["kms:*"],
          resources: ["*"],
        }),
        expect.objectContaining({
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["logs.ap-northeast-1.amazonaws.com"] }],
          actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          resources: ["*"],
          condition: [
            {
              test: "ArnLike",
              variable: "kms:EncryptionContext:aws:logs:arn",
              values: ["arn:aws:logs:ap-northeast-1:${data.aws_caller_identity.kms.account_id}:log-group:*"],
            },
          ],
        }),
      ]);
    });

    it("exposes the key's ARN and id and the alias's ARN", () => {
      const { stack, key } = build();
      expect(resolved(stack, key.keyArn)).toBe("${aws_kms_key.example.arn}");
      expect(resolved(stack, key.keyId)).toBe("${aws_kms_key.example.key_id}");
      expect(resolved(stack, key.aliasArn)).toBe("${aws_kms_alias.example.arn}");
    });

    it("accepts valid input", () => {
      expect(validationErrors(build().stack)).toEqual([]);
    });
  });

  describe("overrides", () => {
    it("takes a description and a shorter deletion window", () => {
      expect(
        resource(build({ description: "Logs", deletionWindowInDays: 7 }).json, "aws_kms_key", "example"),
      ).toMatchObject({ description: "Logs", deletion_window_in_days: 7 });
    });

    it("writes ARNs in the region's partition", () => {
      const statements = dataSource(build({ region: "cn-north-1" }).json, "aws_iam_policy_document", "kms").statement;
      expect(statements[1].principals).toEqual([{ type: "Service", identifiers: ["logs.cn-north-1.amazonaws.com"] }]);
      expect(statements[1].condition[0].values[0]).toMatch(/^arn:aws-cn:logs:cn-north-1:/);
    });

    it("takes its own addresses as a second key", () => {
      const stack = testStack();
      new CustomerManagedKey(stack, "kms", { aliasName: "alias/example", region: "ap-northeast-1" });
      new CustomerManagedKey(stack, "backup", { aliasName: "alias/backup", region: "ap-northeast-1" });
      expect(addresses(synthJson(stack))).toEqual(
        expect.arrayContaining([
          "aws_kms_key.backup",
          "aws_kms_alias.backup",
          "data.aws_iam_policy_document.backup_kms",
        ]),
      );
    });
  });

  describe("validation", () => {
    it.each<[string, Partial<CustomerManagedKeyProps>, string]>([
      [
        "an alias without the alias/ prefix",
        { aliasName: "example" },
        'test/kms: `aliasName` must be 1 to 256 characters of alias/ then letters, digits and /_-, not starting with alias/aws/, got: "example"',
      ],
      [
        "an alias in the AWS-reserved space",
        { aliasName: "alias/aws/logs" },
        'test/kms: `aliasName` must be 1 to 256 characters of alias/ then letters, digits and /_-, not starting with alias/aws/, got: "alias/aws/logs"',
      ],
      [
        "a region that is not one",
        { region: "tokyo" },
        'test/kms: `region` must be an AWS region such as ap-northeast-1, got: "tokyo"',
      ],
      [
        "a deletion window of 6 days",
        { deletionWindowInDays: 6 },
        "test/kms: `deletionWindowInDays` must be a whole number from 7 to 30, got: 6",
      ],
      [
        "a deletion window of 31 days",
        { deletionWindowInDays: 31 },
        "test/kms: `deletionWindowInDays` must be a whole number from 7 to 30, got: 31",
      ],
    ])("rejects %s", (_, overrides, message) => {
      expect(validationErrors(build(overrides).stack)).toEqual([message]);
    });
  });
});
