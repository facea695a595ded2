// `npm run releases -- <stack> [--service <key>] [--limit <n>]`: the last rollouts, newest first, from the tags of the
// revisions they registered (release/history.ts): revision, image, when, outcome, and what ran before.
import { ECSClient } from "@aws-sdk/client-ecs";
import { parseArgs } from "./args";
import { runCommand } from "./cli";
import { describeService, listReleases } from "./ecs";
import { releasesTable, revisionName } from "./history";
import { readReleaseTarget, releaseOutputFolder } from "./stack";

async function releases(argv: readonly string[]): Promise<number> {
  const args = parseArgs("releases", argv);
  const target = readReleaseTarget(args.stack, releaseOutputFolder(), args.service);
  const ecs = new ECSClient({ region: target.region });
  try {
    const service = await describeService(ecs, target);
    const running = revisionName(service.taskDefinition);
    const found = await listReleases(ecs, target.family, args.limit);
    if (found.length === 0) {
      process.stdout.write(
        `${target.stack}: no rollout yet; ${target.service} runs ${running}, as Terraform registered it\n`,
      );
      return 0;
    }
    process.stdout.write(
      `${target.stack}: the last ${found.length} rollouts of ${target.service}, newest first (* runs now: ${running})\n`,
    );
    process.stdout.write(`${releasesTable(found, running)}\n`);
    return 0;
  } finally {
    ecs.destroy();
  }
}

runCommand("releases", () => releases(process.argv.slice(3)));
