// A sidecar is data: one more entry in an environment's container definitions file changes the
// task definition's containers and nothing else of the stack, no address and no other value.
import * as fs from "fs";
import { Testing } from "cdktf";
import { EnvironmentSettings } from "../../config";
import { dev } from "../../config/environments/dev";
import { prod } from "../../config/environments/prod";
import { EcsFargateStack } from "../../stacks/ecs-fargate-stack";
import { definitionsFile, fixtureContainers, noteContainers } from "../helpers/container-definitions";
import { differences } from "../helpers/json-diff";
import { settingsWith } from "../helpers/settings";
import { addresses, resource, synthJson, validationErrors } from "../helpers/synth";

/** A log router beside the application: not essential, its own stream prefix, the stack's log group and region. */
const LOG_ROUTER = {
  name: "log-router",
  image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4",
  essential: false,
  logConfiguration: { logDriver: "awslogs", options: { "awslogs-stream-prefix": "firelens" } },
};

function synth(settings: EnvironmentSettings) {
  const stack = new EcsFargateStack(Testing.app(), settings);
  return { errors: validationErrors(stack), json: synthJson(stack) };
}

/** A copy of the environment's file with the log router added, the load-balanced container starting after it. */
function withLogRouter(settings: EnvironmentSettings): EnvironmentSettings {
  const containers = JSON.parse(fs.readFileSync(settings.taskDefinition.containerDefinitionsFile, "utf8")) as {
    name: string;
    dependsOn?: unknown[];
  }[];
  const served = containers.find((c) => c.name === settings.service.targets[0]?.containerName);
  if (served) served.dependsOn = [...(served.dependsOn ?? []), { containerName: "log-router", condition: "START" }];
  const file = definitionsFile([...containers, LOG_ROUTER]).file;
  return settingsWith({ taskDefinition: { containerDefinitionsFile: file } }, settings);
}

describe("a sidecar added to a copy of an environment's container definitions", () => {
  it("changes only the dev stack's aws_ecs_task_definition.example.container_definitions: the note's containers, then the log router", () => {
    const before = synth(dev);
    const after = synth(withLogRouter(dev));
    expect(after.errors).toEqual([]);
    const changed = differences(before.json, after.json);
    expect(Object.keys(changed)).toEqual(["resource.aws_ecs_task_definition.example.container_definitions"]);
    const [note, ...rest] = noteContainers();
    expect(JSON.parse(String(changed["resource.aws_ecs_task_definition.example.container_definitions"]?.[1]))).toEqual([
      { ...note, dependsOn: [{ containerName: "log-router", condition: "START" }] },
      ...rest,
      {
        ...LOG_ROUTER,
        logConfiguration: {
          logDriver: "awslogs",
          options: {
            "awslogs-stream-prefix": "firelens",
            "awslogs-group": "/ecs/example",
            "awslogs-region": "ap-northeast-1",
          },
        },
      },
    ]);
  });

  it("changes only prod's container_definitions too, whatever prod's file holds", () => {
    const before = synth(prod);
    const after = synth(withLogRouter(prod));
    expect(after.errors).toEqual([]);
    expect(addresses(after.json)).toEqual(addresses(before.json));
    const changed = differences(before.json, after.json);
    expect(Object.keys(changed)).toEqual(["resource.aws_ecs_task_definition.example.container_definitions"]);
    const containers = JSON.parse(resource(after.json, "aws_ecs_task_definition", "example").container_definitions);
    expect(containers.at(-1)).toEqual({
      ...LOG_ROUTER,
      logConfiguration: {
        logDriver: "awslogs",
        options: {
          "awslogs-stream-prefix": "firelens",
          "awslogs-group": "/ecs/example-prod",
          "awslogs-region": "ap-northeast-1",
        },
      },
    });
  });

  it("is reported, not synthesized, when the application waits for a log router that the file does not hold", () => {
    const containers = fixtureContainers();
    containers[0].dependsOn = [{ containerName: "log-router", condition: "START" }];
    const { file, label } = definitionsFile(containers);
    const { errors } = synth(settingsWith({ taskDefinition: { containerDefinitionsFile: file } }));
    expect(errors).toEqual([
      `${label}[0].dependsOn[0].containerName: must name a container in ${label} (example), got: "log-router"`,
    ]);
  });
});
