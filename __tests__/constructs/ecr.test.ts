import { EcrImageRepository, EcrRepositoryProps } from "../../constructs/ecr";
import { addresses, resolved, resource, synthJson, testStack, validationErrors } from "../helpers/synth";

const KEY = "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function build(overrides: Partial<EcrRepositoryProps> = {}) {
  const stack = testStack();
  const repository = new EcrImageRepository(stack, "ecr", { name: "example", ...overrides });
  return { stack, repository, json: synthJson(stack) };
}

describe("EcrImageRepository", () => {
  describe("defaults", () => {
    it("has the book's addresses", () => {
      expect(addresses(build().json)).toEqual(["aws_ecr_lifecycle_policy.example", "aws_ecr_repository.example"]);
    });

    it("scans on push, keeps tags mutable (the book's), encrypts with ECR's own key", () => {
      expect(resource(build().json, "aws_ecr_repository", "example")).toEqual({
        name: "example",
        image_tag_mutability: "MUTABLE",
        image_scanning_configuration: { scan_on_push: true },
        encryption_configuration: [{ encryption_type: "AES256" }],
      });
    });

    it("keeps the last 30 release images (the book's rule) and expires untagged ones after 14 days", () => {
      const policy = resource(build().json, "aws_ecr_lifecycle_policy", "example");
      expect(policy.repository).toBe("${aws_ecr_repository.example.name}");
      expect(JSON.parse(policy.policy as string)).toEqual({
        rules: [
          {
            rulePriority: 1,
            description: "Keep last 30 release tagged images",
            selection: {
              tagStatus: "tagged",
              tagPrefixList: ["release"],
              countType: "imageCountMoreThan",
              countNumber: 30,
            },
            action: { type: "expire" },
          },
          {
            rulePriority: 2,
            description: "Expire untagged images after 14 days",
            selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 14 },
            action: { type: "expire" },
          },
        ],
      });
    });

    it("exposes the repository's URL and name", () => {
      const { stack, repository } = build();
      expect(resolved(stack, repository.repositoryUrl)).toBe("${aws_ecr_repository.example.repository_url}");
      expect(resolved(stack, repository.repositoryName)).toBe("${aws_ecr_repository.example.name}");
    });

    it("accepts valid input", () => {
      expect(validationErrors(build().stack)).toEqual([]);
    });
  });

  describe("overrides", () => {
    it("makes tags immutable and encrypts with a customer-managed key", () => {
      expect(
        resource(build({ imageTagMutability: "IMMUTABLE", kmsKeyArn: KEY }).json, "aws_ecr_repository", "example"),
      ).toMatchObject({
        image_tag_mutability: "IMMUTABLE",
        encryption_configuration: [{ encryption_type: "KMS", kms_key: KEY }],
      });
    });

    it("takes the release prefix, how many to keep, and the days for untagged images", () => {
      const policy = resource(
        build({ releaseTagPrefix: "v", keepReleaseImages: 5, untaggedExpireDays: 1, scanOnPush: false }).json,
        "aws_ecr_lifecycle_policy",
        "example",
      );
      const rules = JSON.parse(policy.policy as string).rules;
      expect(rules[0].selection).toMatchObject({ tagPrefixList: ["v"], countNumber: 5 });
      expect(rules[1].selection).toMatchObject({ countNumber: 1 });
    });
  });

  describe("validation", () => {
    it.each<[string, Partial<EcrRepositoryProps>, string]>([
      [
        "an upper-case name",
        { name: "Example" },
        'test/ecr: `name` must be 1 to 256 characters of lowercase letters, digits and . _ - /, got: "Example"',
      ],
      [
        "a mutability that is not one",
        { imageTagMutability: "FROZEN" as "MUTABLE" },
        'test/ecr: `imageTagMutability` must be one of MUTABLE, IMMUTABLE, got: "FROZEN"',
      ],
      [
        "an alias for a key",
        { kmsKeyArn: "alias/example" },
        'test/ecr: `kmsKeyArn` must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>), not an alias or a key id, got: "alias/example"',
      ],
      [
        "keeping no release",
        { keepReleaseImages: 0 },
        "test/ecr: `keepReleaseImages` must be a whole number from 1 to 1000, got: 0",
      ],
      [
        "a prefix with a slash",
        { releaseTagPrefix: "release/" },
        'test/ecr: `releaseTagPrefix` must be 1 to 128 characters of a tag\'s letters, digits, _ . -, got: "release/"',
      ],
      [
        "untagged images kept 0 days",
        { untaggedExpireDays: 0 },
        "test/ecr: `untaggedExpireDays` must be a whole number from 1, got: 0",
      ],
    ])("rejects %s", (_, overrides, message) => {
      expect(validationErrors(build(overrides).stack)).toEqual([message]);
    });
  });
});
