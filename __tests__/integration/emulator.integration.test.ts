// Integration: the project's moto launcher keeps the two ECS service fields that moto drops.
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from "@aws-sdk/client-ecs";
import { Emulator, startEmulator } from "../helpers/emulator";

jest.setTimeout(90_000);

/** Creates a service with a grace period and a rebalancing setting, and reads both back. */
async function roundTrip(emulator: Emulator) {
  const ecs = new ECSClient(emulator.client);
  await ecs.send(new CreateClusterCommand({ clusterName: "c" }));
  const { taskDefinition } = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: "f",
      containerDefinitions: [{ name: "a", image: "nginx", memory: 512 }],
    }),
  );
  await ecs.send(
    new CreateServiceCommand({
      cluster: "c",
      serviceName: "s",
      taskDefinition: taskDefinition?.taskDefinitionArn,
      desiredCount: 1,
      healthCheckGracePeriodSeconds: 60,
      availabilityZoneRebalancing: "DISABLED",
    }),
  );
  const { services } = await ecs.send(new DescribeServicesCommand({ cluster: "c", services: ["s"] }));
  ecs.destroy();
  return {
    grace: services?.[0]?.healthCheckGracePeriodSeconds,
    rebalancing: services?.[0]?.availabilityZoneRebalancing,
  };
}

describe("the moto launcher (integration)", () => {
  it("keeps the health-check grace period and availability zone rebalancing of a new service", async () => {
    const emulator = await startEmulator();
    try {
      expect(await roundTrip(emulator)).toEqual({ grace: 60, rebalancing: "DISABLED" });
    } finally {
      await emulator.stop();
    }
  });

  it("is needed: plain moto drops both (when this fails, moto keeps them and the launcher can go)", async () => {
    const emulator = await startEmulator({ plain: true });
    try {
      expect(await roundTrip(emulator)).toEqual({ grace: undefined, rebalancing: undefined });
    } finally {
      await emulator.stop();
    }
  });
});
