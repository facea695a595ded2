// `scripts/release-image.sh <stack>`: prints the URL of the stack's ECR repository, where the
// release workflow pushes the application's image. Refuses a stack without one.
import { DescribeRepositoriesCommand, ECRClient } from "@aws-sdk/client-ecr";
import { parseArgs } from "./args";
import { runCommand } from "./cli";
import { ReleaseError } from "./errors";
import { readReleaseTarget, releaseOutputFolder } from "./stack";

async function repository(argv: readonly string[]): Promise<number> {
  const args = parseArgs("releases", argv);
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
    process.stdout.write(`${uri}\n`);
    return 0;
  } finally {
    ecr.destroy();
  }
}

runCommand("release-image", () => repository(process.argv.slice(3)));
