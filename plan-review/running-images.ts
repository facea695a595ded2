// The images of the revisions ECS services run when a release registered them: the plan holds only
// such a revision's ARN (the service ignores `task_definition`), so the planner asks ECS, with the
// plan's own credentials and endpoint, to name the image in the summary. Read-only
// (`ecs:DescribeTaskDefinition`); a failed lookup leaves the image unnamed and never fails the plan.
import { DescribeTaskDefinitionCommand, ECSClient } from "@aws-sdk/client-ecs";
import { releasedServices, RunningImages } from "./ignore-changes";
import { PlanJson } from "./plan-json";
import { isRecord } from "./values";

/** The AWS provider's region, as the configuration gives it. */
export function providerRegion(plan: PlanJson): string | undefined {
  const config = (plan as { configuration?: unknown }).configuration;
  const providers = isRecord(config) && isRecord(config.provider_config) ? config.provider_config : {};
  const aws = providers.aws;
  const expressions = isRecord(aws) && isRecord(aws.expressions) ? aws.expressions : {};
  const region = isRecord(expressions.region) ? expressions.region.constant_value : undefined;
  return typeof region === "string" ? region : undefined;
}

/** Looks up the image of each running revision the plan does not hold: the load-balanced container's, else the first. */
export async function lookUpRunningImages(plan: PlanJson): Promise<RunningImages> {
  const released = releasedServices(plan.resource_changes ?? [], new Map());
  const images = new Map<string, string>();
  if (released.length === 0) return images;
  const region = providerRegion(plan);
  const ecs = new ECSClient(region ? { region } : {});
  try {
    for (const service of released) {
      const change = plan.resource_changes?.find((c) => c.address === service.address);
      const before = change?.change.before;
      const loadBalancers = isRecord(before) && Array.isArray(before.load_balancer) ? before.load_balancer : [];
      const first: unknown = loadBalancers[0];
      const name = isRecord(first) && typeof first.container_name === "string" ? first.container_name : undefined;
      try {
        const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: service.arn }));
        const containers = taskDefinition?.containerDefinitions ?? [];
        const image = (containers.find((c) => c.name === name) ?? containers[0])?.image;
        if (image) images.set(service.arn, image);
      } catch {
        // no permission, no endpoint: the summary names the revision only
      }
    }
  } finally {
    ecs.destroy();
  }
  return images;
}
