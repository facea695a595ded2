// Waiting for a deployment as ECS reports it: one progress line while it runs (its rollout
// state, running / desired / pending, the service's newest event), then the outcome.
import { Deployment, ECSClient, Service, ServiceEvent } from "@aws-sdk/client-ecs";
import { describeService } from "./ecs";
import { revisionName } from "./history";
import { ReleaseTarget } from "./stack";

export type DeploymentResult =
  | { readonly outcome: "COMPLETED"; readonly deployment: Deployment }
  | {
      readonly outcome: "FAILED" | "TIMED_OUT" | "REPLACED";
      /** The deployment as last seen. */
      readonly deployment?: Deployment;
      /** The service as last seen: its task definition is what runs now (after a rollback, the old one). */
      readonly service: Service;
      /** The service's events since the deployment started, newest first. */
      readonly events: readonly ServiceEvent[];
    };

export interface WaitOptions {
  readonly timeoutSeconds: number;
  /** Seconds between two looks at the service. */
  readonly pollSeconds?: number;
  /** Where the progress line goes. @default process.stderr */
  readonly progress?: NodeJS.WriteStream;
}

/** `IN_PROGRESS  running 1/2, pending 1  (service example) has started 1 tasks…` */
export function progressLine(deployment: Deployment | undefined, service: Service, elapsedSeconds: number): string {
  const state = deployment?.rolloutState ?? "GONE";
  const counts = deployment
    ? `running ${deployment.runningCount ?? 0}/${deployment.desiredCount ?? 0}, pending ${deployment.pendingCount ?? 0}` +
      (deployment.failedTasks ? `, failed ${deployment.failedTasks}` : "")
    : "";
  const event = service.events?.[0]?.message ?? "";
  return `${String(Math.round(elapsedSeconds)).padStart(4)} s  ${revisionName(deployment?.taskDefinition)}  ${state}  ${counts}  ${event}`;
}

export async function waitForDeployment(
  ecs: ECSClient,
  target: ReleaseTarget,
  deploymentId: string,
  options: WaitOptions,
): Promise<DeploymentResult> {
  const progress = options.progress ?? process.stderr;
  const started = Date.now();
  const pollMs = (options.pollSeconds ?? 2) * 1000;
  let lastLine = "";
  const show = (line: string) => {
    if (progress.isTTY) {
      const width = progress.columns || 120;
      progress.write(`\r\x1b[K${line.slice(0, width - 1)}`);
    } else if (line.replace(/^\s*\d+ s/, "") !== lastLine.replace(/^\s*\d+ s/, "")) {
      progress.write(`${line}\n`); // in CI, a line per change
    }
    lastLine = line;
  };
  const done = () => {
    if (progress.isTTY && lastLine !== "") progress.write("\n");
  };
  for (;;) {
    const service = await describeService(ecs, target);
    const deployment = service.deployments?.find((d) => d.id === deploymentId);
    const since = deployment?.createdAt?.getTime() ?? started;
    const events = (service.events ?? []).filter((e) => (e.createdAt?.getTime() ?? 0) >= since - 1000);
    show(progressLine(deployment, service, (Date.now() - started) / 1000));
    if (deployment?.rolloutState === "COMPLETED") {
      done();
      return { outcome: "COMPLETED", deployment };
    }
    if (deployment?.rolloutState === "FAILED" || !deployment) {
      done();
      return { outcome: deployment ? "FAILED" : "REPLACED", deployment, service, events };
    }
    if (Date.now() - started >= options.timeoutSeconds * 1000) {
      done();
      return { outcome: "TIMED_OUT", deployment, service, events };
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
