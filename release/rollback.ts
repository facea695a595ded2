// `npm run rollback -- <stack> [--service <key>] [--timeout <duration>]`: back to the revision the service ran before
// the last rollout (the `release:from` of the newest release not already rolled back), waiting as a
// rollout does. Registers nothing. A second rollback goes one release further back.
import { ECSClient } from "@aws-sdk/client-ecs";
import { parseArgs } from "./args";
import { runCommand } from "./cli";
import { deploy, describeRevision, describeService, listReleases, setOutcome } from "./ecs";
import { ReleaseError } from "./errors";
import { revisionName } from "./history";
import { reportFailure } from "./report";
import { readReleaseTarget, releaseOutputFolder, serviceOption } from "./stack";
import { waitForDeployment } from "./wait";

async function rollback(argv: readonly string[]): Promise<number> {
  const args = parseArgs("rollback", argv);
  const target = readReleaseTarget(args.stack, releaseOutputFolder(), args.service);
  const ecs = new ECSClient({ region: target.region });
  try {
    const service = await describeService(ecs, target);
    const last = (await listReleases(ecs, target.family, 100)).find((r) => r.outcome !== "ROLLED_BACK");
    if (!last)
      throw new ReleaseError(
        `${target.stack} has no rollout of ${target.service} to roll back (npm run releases -- ${target.stack}${serviceOption(target)})`,
      );
    const runningName = revisionName(service.taskDefinition);
    if (runningName === last.from) {
      process.stdout.write(
        `${target.stack}: nothing to roll back: ${target.service} runs ${last.from} already ` +
          `(the last rollout, ${last.revision}, ${last.outcome}${last.outcome === "FAILED" ? ", rolled back by ECS" : ""})\n`,
      );
      return 0;
    }
    const previous = await describeRevision(ecs, last.from);
    if (previous.definition.status !== "ACTIVE") {
      throw new ReleaseError(
        `cannot roll back to ${last.from}: it is ${previous.definition.status ?? "gone"} (deregistered)`,
      );
    }
    const image = (previous.definition.containerDefinitions ?? []).find((c) => c.name === last.container)?.image ?? "?";
    process.stdout.write(
      `${target.stack}: rolling ${target.service} back from ${runningName} to ${last.from} (${image}), ` +
        `the revision it ran before the rollout of ${last.revision} (${last.image})\n`,
    );
    const deploymentId = await deploy(ecs, target, previous.definition.taskDefinitionArn ?? "");
    const result = await waitForDeployment(ecs, target, deploymentId, { timeoutSeconds: args.timeoutSeconds });
    if (result.outcome === "COMPLETED") {
      await setOutcome(ecs, last.arn, "ROLLED_BACK");
      process.stdout.write(`${target.stack}: ${target.service} runs ${last.from} (${image}): rollback completed\n`);
      return 0;
    }
    throw new ReleaseError(await reportFailure(ecs, target, last.from, image, result, args.timeoutSeconds, false));
  } finally {
    ecs.destroy();
  }
}

runCommand("rollback", () => rollback(process.argv.slice(3)));
