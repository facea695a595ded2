// `npm run rollout -- <stack> [--service <key>] [--image <ref>] [--container <name>] [--timeout <duration>]`
// Terraform owns the task's shape; the release owns the image. Takes the latest revision
// Terraform registered for the service's family (the note's service, or --service's), replaces
// the image of its first load-balanced container (or, without a load balancer, of its first
// essential container; or --container's), registers that as a new revision tagged as a release, points
// the service at it (never its desired count) and waits for the deployment. Without --image,
// the image the service runs now: how a change of the container definitions reaches it.
import { ECRClient } from "@aws-sdk/client-ecr";
import { ECSClient } from "@aws-sdk/client-ecs";
import { parseArgs } from "./args";
import { runCommand } from "./cli";
import {
  containerOf,
  deploy,
  describeRevision,
  describeService,
  registerRelease,
  setOutcome,
  terraformRevision,
} from "./ecs";
import { requireEcrImage } from "./ecr";
import { ReleaseError } from "./errors";
import { otherTags, revisionName, TAG, tagMap } from "./history";
import { splitImage } from "./image";
import { readReleaseTarget, releaseOutputFolder } from "./stack";
import { reportFailure } from "./report";
import { waitForDeployment } from "./wait";

async function rollout(argv: readonly string[]): Promise<number> {
  const args = parseArgs("rollout", argv);
  const target = readReleaseTarget(args.stack, releaseOutputFolder(), args.service);
  const ecs = new ECSClient({ region: target.region });
  const ecr = new ECRClient({ region: target.region });
  try {
    const service = await describeService(ecs, target);
    const base = await terraformRevision(ecs, target);
    const container = args.container ?? target.container;
    containerOf(base.definition, container, args.container !== undefined ? "--container" : "the service's container");
    const running = await describeRevision(ecs, service.taskDefinition ?? "");
    const runningImage = containerOf(running.definition, container, "the service's container").image ?? "";
    const image = args.image ?? runningImage;
    if (args.image !== undefined && target.ecrRepository !== undefined) {
      const parsed = splitImage(args.image);
      if (typeof parsed !== "string") await requireEcrImage(ecr, target.ecrRepository, parsed);
    }

    const baseName = revisionName(base.definition.taskDefinitionArn);
    const runningName = revisionName(running.definition.taskDefinitionArn);
    const runningTags = tagMap(running.tags);
    const alreadyThere =
      runningImage === image &&
      (runningName === baseName ||
        (runningTags.get(TAG.base) === baseName && runningTags.get(TAG.container) === container));
    if (alreadyThere) {
      process.stdout.write(
        `${target.stack}: nothing to roll out: ${target.service} runs ${runningName} (${baseName} with ${image}) already\n`,
      );
      return 0;
    }

    const registered = await registerRelease(ecs, base, container, image, [
      ...otherTags(base.tags),
      { key: TAG.image, value: image },
      { key: TAG.container, value: container },
      { key: TAG.base, value: baseName },
      { key: TAG.from, value: runningName },
      { key: TAG.at, value: new Date().toISOString() },
      { key: TAG.outcome, value: "IN_PROGRESS" },
    ]);
    const arn = registered.taskDefinitionArn ?? "";
    const name = revisionName(arn);
    process.stdout.write(
      `${target.stack}: registered ${name}: ${baseName} (Terraform's latest) with ${container} running ${image}\n` +
        `${target.stack}: deploying ${name} to service ${target.service} in cluster ${target.cluster}, from ${runningName}` +
        `${target.autoscaled ? " (desired count left to autoscaling)" : ""}\n`,
    );
    const deploymentId = await deploy(ecs, target, arn);
    const result = await waitForDeployment(ecs, target, deploymentId, { timeoutSeconds: args.timeoutSeconds });
    await setOutcome(ecs, arn, result.outcome === "REPLACED" ? "FAILED" : result.outcome);
    if (result.outcome === "COMPLETED") {
      process.stdout.write(`${target.stack}: ${target.service} runs ${name} (${image}): deployment completed\n`);
      return 0;
    }
    throw new ReleaseError(await reportFailure(ecs, target, name, image, result, args.timeoutSeconds));
  } finally {
    ecs.destroy();
    ecr.destroy();
  }
}

runCommand("rollout", () => rollout(process.argv.slice(3)));
