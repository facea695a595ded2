// The book's chapter 14: an ECR repository for the application's images, and a lifecycle
// policy that keeps the last releases. Releases (`npm run rollout`) run only images of it.
// https://docs.aws.amazon.com/AmazonECR/latest/userguide/Repositories.html
import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { Construct } from "constructs";
import { resolveTerraformNames, terraformNamer, TerraformNames } from "../shared/addresses";
import { awsName, kmsKeyArn, oneOf, wholeNumber } from "../shared/rules";
import { Problems } from "../shared/validation";

export interface EcrRepositoryProps {
  /** The repository's name: `<registry>/<it>:<tag>` (the book's `example`). */
  readonly name: string;
  /**
   * `IMMUTABLE`: a tag, once pushed, always names the same image, so a release's tag cannot be
   * overwritten under a running service.
   * @default "MUTABLE" (the book's, AWS's)
   */
  readonly imageTagMutability?: "MUTABLE" | "IMMUTABLE";
  /**
   * Scan each image for known vulnerabilities when it is pushed.
   * @default true
   */
  readonly scanOnPush?: boolean;
  /**
   * Encrypts the images with this customer-managed key (the stack's `kms`).
   * @default none: ECR's own AES-256 encryption
   */
  readonly kmsKeyArn?: string;
  /**
   * How many images tagged `<releaseTagPrefix>…` the lifecycle policy keeps: older ones expire.
   * @default 30 (the book's)
   */
  readonly keepReleaseImages?: number;
  /**
   * The tag prefix of release images (the release workflow tags `release-<commit>`).
   * @default "release" (the book's)
   */
  readonly releaseTagPrefix?: string;
  /**
   * Days after which an untagged image (a tag moved away from it, a failed build) expires.
   * @default 14
   */
  readonly untaggedExpireDays?: number;
  /**
   * The Terraform names of the repository and its lifecycle policy.
   * @default "note" for the stack's first repository (`aws_ecr_repository.example`), "own" for later ones
   */
  readonly terraformNames?: TerraformNames;
}

/** The lifecycle policy's JSON: the book's rule (the last N release images), then untagged images expire. */
export function lifecyclePolicy(prefix: string, keep: number, untaggedDays: number): string {
  return JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        description: `Keep last ${keep} ${prefix} tagged images`,
        selection: { tagStatus: "tagged", tagPrefixList: [prefix], countType: "imageCountMoreThan", countNumber: keep },
        action: { type: "expire" },
      },
      {
        rulePriority: 2,
        description: `Expire untagged images after ${untaggedDays} days`,
        selection: {
          tagStatus: "untagged",
          countType: "sinceImagePushed",
          countUnit: "days",
          countNumber: untaggedDays,
        },
        action: { type: "expire" },
      },
    ],
  });
}

/** `aws_ecr_repository.example` and `aws_ecr_lifecycle_policy.example`, as the book names them. */
export class EcrImageRepository extends Construct {
  public readonly repositoryName: string;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`: what images are pushed to and run from. */
  public readonly repositoryUrl: string;
  public readonly repositoryArn: string;

  public constructor(scope: Construct, id: string, props: EcrRepositoryProps) {
    super(scope, id);
    const imageTagMutability = props.imageTagMutability ?? "MUTABLE";
    const scanOnPush = props.scanOnPush ?? true;
    const keep = props.keepReleaseImages ?? 30;
    const prefix = props.releaseTagPrefix ?? "release";
    const untaggedDays = props.untaggedExpireDays ?? 14;

    const problems = new Problems(this);
    const named = terraformNamer(resolveTerraformNames(this, "EcrImageRepository", props.terraformNames, problems), id);
    problems.check(
      "name",
      props.name,
      awsName(
        256,
        /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/,
        "lowercase letters, digits and . _ - /",
      ),
    );
    problems.check("imageTagMutability", imageTagMutability, oneOf<string>(["MUTABLE", "IMMUTABLE"]));
    if (props.kmsKeyArn !== undefined) problems.check("kmsKeyArn", props.kmsKeyArn, kmsKeyArn);
    problems.check("keepReleaseImages", keep, wholeNumber(1, 1000));
    problems.check(
      "releaseTagPrefix",
      prefix,
      awsName(128, /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, "a tag's letters, digits, _ . -"),
    );
    problems.check("untaggedExpireDays", untaggedDays, wholeNumber(1));

    const repository = new EcrRepository(this, "repository", {
      name: props.name,
      imageTagMutability,
      imageScanningConfiguration: { scanOnPush },
      encryptionConfiguration: props.kmsKeyArn
        ? [{ encryptionType: "KMS", kmsKey: props.kmsKeyArn }]
        : [{ encryptionType: "AES256" }],
    });
    repository.overrideLogicalId(named("example"));

    const policy = new EcrLifecyclePolicy(this, "lifecycle_policy", {
      repository: repository.name,
      policy: lifecyclePolicy(prefix, keep, untaggedDays),
    });
    policy.overrideLogicalId(named("example"));

    this.repositoryName = repository.name;
    this.repositoryUrl = repository.repositoryUrl;
    this.repositoryArn = repository.arn;
  }
}
