// `scripts/release-image.sh <stack>`: where the release workflow pushes the application's image,
// as `key=value` lines: the URL of the stack's ECR repository, the commit, and the digest of the
// image already pushed for that commit (`release-<commit>`), if any: tags are immutable in prod,
// so a second release of one commit reuses its image instead of failing to push it again.
// Refuses a stack without a repository.
import { DescribeImagesCommand, DescribeRepositoriesCommand, ECRClient } from "@aws-sdk/client-ecr";
import { parseArgs } from "./args";
import { runCommand } from "./cli";
import { ReleaseError } from "./errors";
import { readReleaseTarget, releaseOutputFolder } from "./stack";

const errorName = (error: unknown): string => (error as { name?: string }).name ?? "";

async function repository(argv: readonly string[]): Promise<number> {
  const args = parseArgs("releases", argv);
  const commit = process.env.RELEASE_COMMIT ?? "";
  if (!/^[0-9a-f]{40}$/.test(commit))
    throw new ReleaseError(`RELEASE_COMMIT must be a full commit SHA, got: ${JSON.stringify(commit)}`);
  const target = readReleaseTarget(args.stack, releaseOutputFolder(), args.service);
  if (target.ecrRepository === undefined) {
    throw new ReleaseError(
      `${target.stack} has no ECR repository: set \`ecr\` in config/environments/<environment>.ts (prod has one)`,
    );
  }
  const ecr = new ECRClient({ region: target.region });
  try {
    const { repositories } = await ecr.send(
      new DescribeRepositoriesCommand({ repositoryNames: [target.ecrRepository] }),
    );
    const uri = repositories?.[0]?.repositoryUri;
    if (!uri)
      throw new ReleaseError(
        `${target.stack}'s ECR repository ${target.ecrRepository} does not exist: deploy it first`,
      );
    let digest = "";
    try {
      const { imageDetails } = await ecr.send(
        new DescribeImagesCommand({
          repositoryName: target.ecrRepository,
          imageIds: [{ imageTag: `release-${commit}` }],
        }),
      );
      digest = imageDetails?.[0]?.imageDigest ?? "";
    } catch (error) {
      if (errorName(error) !== "ImageNotFoundException") throw error;
    }
    process.stdout.write(`repository=${uri}\ncommit=${commit}\npushed=${digest}\n`);
    return 0;
  } finally {
    ecr.destroy();
  }
}

runCommand("release-image", () => repository(process.argv.slice(3)));
