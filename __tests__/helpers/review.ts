// What a reviewer reads for a plan a test made: the summary `npm run plan` writes, rendered from the
// same inputs the planner uses (the plan's JSON, the text `terraform plan -out` printed, cdk.tf.json),
// and the out-of-band deploy a CI pipeline makes, which several tests plan against.
import * as fs from "fs";
import * as path from "path";
import {
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from "@aws-sdk/client-ecs";
import { PlanJson, readConfiguration, renderSummary } from "../../plan-review";
import { planTextOf } from "../../plan-review/planner";
import { DEV_STACK, terraformOk } from "./terraform";

/**
 * The summary of a saved plan in `dir`, given what its `terraform plan -out` printed (the planner keeps
 * that text rather than running `terraform show`, which would load the provider once more).
 */
export function reviewSavedPlan(
  dir: string,
  planFile: string,
  planStdout: string,
  env: NodeJS.ProcessEnv,
  stack: string = DEV_STACK,
): { plan: PlanJson; summary: string } {
  const plan = JSON.parse(terraformOk(dir, ["show", "-json", planFile], env).stdout) as PlanJson;
  const summary = renderSummary({
    stack,
    commit: "0123abc",
    plan,
    planText: planTextOf(planStdout),
    configuration: readConfiguration(JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8"))),
  });
  return { plan, summary };
}

/** A table row of the summary: `| <action> | <address><br><sub><construct path></sub><br><changes> |`. */
export function summaryRow(summary: string, address: string): string | undefined {
  return summary.split("\n").find((line) => line.startsWith("| ") && line.includes(` | \`${address}\`<br>`));
}

/**
 * A deploy made outside Terraform, as a CI pipeline makes it: a copy of `example:1` with another image,
 * registered as the next revision, and the service `example` pointed at it. Returns both revisions' ARNs.
 */
export async function deployOutOfBand(ecs: ECSClient, image: string): Promise<{ previous: string; revision: string }> {
  const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "example:1" }));
  const registered = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: "example",
      cpu: taskDefinition?.cpu,
      memory: taskDefinition?.memory,
      networkMode: taskDefinition?.networkMode,
      requiresCompatibilities: taskDefinition?.requiresCompatibilities,
      executionRoleArn: taskDefinition?.executionRoleArn,
      containerDefinitions: (taskDefinition?.containerDefinitions ?? []).map((c) => ({ ...c, image })),
    }),
  );
  const revision = registered.taskDefinition?.taskDefinitionArn ?? "";
  await ecs.send(new UpdateServiceCommand({ cluster: "example", service: "example", taskDefinition: revision }));
  return { previous: taskDefinition?.taskDefinitionArn ?? "", revision };
}
