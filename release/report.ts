// What a failed deployment tells: the revision that failed and why, the service's recent events,
// and whether ECS rolled back, to what. Images and revisions only: no environment value.
import { ECSClient } from "@aws-sdk/client-ecs";
import { describeRevision } from "./ecs";
import { revisionName } from "./history";
import { ReleaseTarget, serviceOption } from "./stack";
import { DeploymentResult } from "./wait";

type Unfinished = Exclude<DeploymentResult, { outcome: "COMPLETED" }>;

/** The lines after `rollout: ` (or `rollback: `) when a deployment of `name` did not complete. */
export async function reportFailure(
  ecs: ECSClient,
  target: ReleaseTarget,
  name: string,
  image: string,
  result: Unfinished,
  timeoutSeconds: number,
  rollbackHint = true,
): Promise<string> {
  const d = result.deployment;
  const counts = d ? `running ${d.runningCount ?? 0}/${d.desiredCount ?? 0}, failed tasks ${d.failedTasks ?? 0}` : "";
  const lines: string[] = [];
  if (result.outcome === "FAILED") {
    lines.push(
      `the deployment of ${name} (${image}) FAILED: ${d?.rolloutStateReason ?? "no reason given"} (${counts})`,
    );
  } else if (result.outcome === "TIMED_OUT") {
    lines.push(
      `the deployment of ${name} (${image}) did not complete within ${timeoutSeconds} s: ${d?.rolloutState ?? "?"}, ${counts}`,
    );
  } else {
    lines.push(`the deployment of ${name} (${image}) was replaced by another deployment before it completed`);
  }
  const now = result.service.taskDefinition ?? "";
  const nowName = revisionName(now);
  if (nowName !== name && now !== "") {
    const { definition } = await describeRevision(ecs, now);
    const images = (definition.containerDefinitions ?? []).find((c) => c.name === target.container)?.image ?? "?";
    const rolling = result.service.deployments?.find((x) => x.status === "PRIMARY");
    lines.push(
      `  ECS rolled back: ${target.service} is back on ${nowName} (${images})` +
        (rolling?.rolloutState === "COMPLETED" ? "" : `, deployment ${rolling?.rolloutState ?? "?"}`),
    );
  } else if (result.outcome === "TIMED_OUT") {
    lines.push(
      `  ECS keeps trying: ${target.service} is still on ${name}, with the tasks of the previous deployment running`,
    );
  } else {
    lines.push(
      `  ECS did not roll back: ${target.service} stays on ${name}` +
        (target.rollbackOnFailure ? "" : " (the service's circuit breaker has no rollback)"),
    );
  }
  if (result.events.length > 0) {
    lines.push("  recent events:");
    for (const event of result.events.slice(0, 5)) {
      lines.push(`    ${event.createdAt?.toISOString().replace(/\.\d+Z$/, "Z") ?? ""}  ${event.message ?? ""}`);
    }
  }
  if (rollbackHint && nowName === name) {
    lines.push(`  to go back: npm run rollback -- ${target.stack}${serviceOption(target)}`);
  }
  return lines.join("\n");
}
