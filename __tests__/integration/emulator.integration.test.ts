// Integration: what the project's moto launcher fixes, each beside plain moto's behaviour, so that a
// fix can go when moto does it itself: the ECS service fields moto drops, the tag calls of
// Application Auto Scaling it lacks, and the aws:SecureTransport condition of S3 bucket policies,
// which it ignores; and the test-only hold that lets a test interrupt Terraform inside one AWS call.
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from "@aws-sdk/client-ecs";
import {
  ApplicationAutoScalingClient,
  ListTagsForResourceCommand,
  RegisterScalableTargetCommand,
} from "@aws-sdk/client-application-auto-scaling";
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { CreateBucketCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Emulator, startEmulator } from "../helpers/emulator";
import { tlsOnlyStatement } from "../../state/bootstrap";

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
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: true, rollback: true },
        minimumHealthyPercent: 100,
        maximumPercent: 200,
      },
      enableExecuteCommand: true,
    }),
  );
  const { services } = await ecs.send(new DescribeServicesCommand({ cluster: "c", services: ["s"] }));
  ecs.destroy();
  return {
    grace: services?.[0]?.healthCheckGracePeriodSeconds,
    rebalancing: services?.[0]?.availabilityZoneRebalancing,
    deployment: services?.[0]?.deploymentConfiguration,
    exec: services?.[0]?.enableExecuteCommand,
  };
}

describe("the moto launcher (integration)", () => {
  it("keeps the grace period, zone rebalancing, deployment configuration and ECS Exec of a new service", async () => {
    const emulator = await startEmulator();
    try {
      expect(await roundTrip(emulator)).toEqual({
        grace: 60,
        rebalancing: "DISABLED",
        deployment: {
          deploymentCircuitBreaker: { enable: true, rollback: true },
          minimumHealthyPercent: 100,
          maximumPercent: 200,
        },
        exec: true,
      });
    } finally {
      await emulator.stop();
    }
  });

  it("is needed: plain moto drops them all (when this fails, moto keeps them and the launcher can go)", async () => {
    const emulator = await startEmulator({ plain: true });
    try {
      const kept = await roundTrip(emulator);
      expect(kept).toMatchObject({ grace: undefined, rebalancing: undefined, exec: undefined });
      expect(kept.deployment?.deploymentCircuitBreaker).toBeUndefined();
    } finally {
      await emulator.stop();
    }
  });
});

/** Writes an object into a bucket whose policy denies requests without TLS: "written", or the HTTP status S3 refused it with. */
async function writeUnderTlsOnlyPolicy(emulator: Emulator): Promise<string> {
  const s3 = new S3Client({ ...emulator.client, forcePathStyle: true });
  try {
    await s3.send(
      new CreateBucketCommand({
        Bucket: "tls-only",
        CreateBucketConfiguration: { LocationConstraint: "ap-northeast-1" },
      }),
    );
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: "tls-only",
        Policy: JSON.stringify({ Version: "2012-10-17", Statement: [tlsOnlyStatement("tls-only")] }),
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket: "tls-only", Key: "state", Body: "{}" }));
    return "written";
  } catch (error) {
    return `refused: ${(error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode}`;
  } finally {
    s3.destroy();
  }
}

describe("a TLS-only bucket policy on the emulator (integration)", () => {
  it.each<[string, { plain?: boolean; http?: boolean }, string]>([
    ["the launcher over HTTPS lets a request with TLS through", {}, "written"],
    ["the launcher over plain HTTP denies it, as AWS would", { http: true }, "refused: 403"],
    ["is needed: plain moto denies it even over HTTPS (it ignores the condition)", { plain: true }, "refused: 403"],
  ])("%s", async (_, options, outcome) => {
    const emulator = await startEmulator(options);
    try {
      expect(await writeUnderTlsOnlyPolicy(emulator)).toBe(outcome);
    } finally {
      await emulator.stop();
    }
  });
});

/** Registers a scalable target (of a service made first: moto checks it exists) with a tag, and reads its tags back. */
async function scalableTargetTags(emulator: Emulator): Promise<unknown> {
  await roundTrip(emulator); // cluster "c", service "s"
  const client = new ApplicationAutoScalingClient({ ...emulator.client, maxAttempts: 1 });
  try {
    const { ScalableTargetARN } = await client.send(
      new RegisterScalableTargetCommand({
        ServiceNamespace: "ecs",
        ResourceId: "service/c/s",
        ScalableDimension: "ecs:service:DesiredCount",
        MinCapacity: 1,
        MaxCapacity: 2,
        Tags: { Environment: "dev" },
      }),
    );
    const { Tags } = await client.send(new ListTagsForResourceCommand({ ResourceARN: ScalableTargetARN }));
    return Tags;
  } catch (error) {
    return `refused: ${(error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode}`;
  } finally {
    client.destroy();
  }
}

describe("Application Auto Scaling's tags on the emulator (integration)", () => {
  it.each<[string, { plain?: boolean }, unknown]>([
    ["the launcher keeps a scalable target's tags, as the provider reads them back", {}, { Environment: "dev" }],
    ["is needed: plain moto answers the tag calls with HTTP 500", { plain: true }, "refused: 500"],
  ])("%s", async (_, options, outcome) => {
    const emulator = await startEmulator(options);
    try {
      expect(await scalableTargetTags(emulator)).toEqual(outcome);
    } finally {
      await emulator.stop();
    }
  });
});

/**
 * Sends CreateSubnet (10.0.66.0/24) and then CreateVpc, each abandoned by its client after 1 s (as a provider
 * whose context Terraform cancels on SIGINT); with a hold armed on that CreateSubnet, waits until it is held,
 * then releases it. Returns what each call answered and what the endpoint then holds.
 */
async function interruptedCreate(emulator: Emulator, rule?: { perform: boolean }) {
  const ec2 = new EC2Client({ ...emulator.client, maxAttempts: 1 });
  try {
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: "10.0.0.0/16" }));
    if (rule) await emulator.control.hold({ action: "CreateSubnet", params: { CidrBlock: "10.0.66.0/24" }, ...rule });
    const abandoned = async (send: (signal: AbortSignal) => Promise<unknown>) => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 1_000);
      try {
        await send(controller.signal);
        return "answered";
      } catch (error) {
        return (error as Error).name === "AbortError" ? "abandoned" : (error as Error).name;
      } finally {
        clearTimeout(timer);
      }
    };
    const subnet = abandoned((abortSignal) =>
      ec2.send(new CreateSubnetCommand({ VpcId: Vpc?.VpcId, CidrBlock: "10.0.66.0/24" }), { abortSignal }),
    );
    const during = rule ? await emulator.control.caught(10_000) : undefined;
    const vpc = abandoned((abortSignal) =>
      ec2.send(new CreateVpcCommand({ CidrBlock: "10.9.0.0/16" }), { abortSignal }),
    );
    const answers = { subnet: await subnet, vpc: await vpc };
    const released = rule ? await emulator.control.release() : undefined;
    await new Promise((r) => setTimeout(r, 500)); // the released calls finish on the server
    const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({}));
    const { Vpcs = [] } = await ec2.send(
      new DescribeVpcsCommand({ Filters: [{ Name: "cidr", Values: ["10.9.0.0/16"] }] }),
    );
    return {
      answers,
      during,
      released,
      subnets: Subnets.filter((s) => s.CidrBlock === "10.0.66.0/24").length,
      frozenVpcs: Vpcs.length,
    };
  } finally {
    ec2.destroy();
  }
}

describe("the launcher's test-only hold, for interrupting Terraform inside one AWS call (integration)", () => {
  it("performs the held call but never answers its client: the resource exists, its id never arrives", async () => {
    const emulator = await startEmulator({ holds: true });
    try {
      expect(await interruptedCreate(emulator, { perform: true })).toEqual({
        answers: { subnet: "abandoned", vpc: "abandoned" },
        during: { armed: true, held: 1, busy: 0 },
        released: { released: 2 },
        subnets: 1,
        frozenVpcs: 0,
      });
    } finally {
      await emulator.stop();
    }
  });

  it("or holds it unperformed: nothing is created, as when the interrupt lands before the call", async () => {
    const emulator = await startEmulator({ holds: true });
    try {
      expect(await interruptedCreate(emulator, { perform: false })).toMatchObject({ subnets: 0, frozenVpcs: 0 });
    } finally {
      await emulator.stop();
    }
  });

  it("is test-only: without MOTO_TEST_CONTROL, and in plain moto, there is no control and every call is answered", async () => {
    for (const options of [{}, { plain: true }]) {
      const emulator = await startEmulator(options);
      try {
        await expect(emulator.control.state()).rejects.toThrow(/HTTP (404|400|500)/);
        expect(await interruptedCreate(emulator)).toMatchObject({
          answers: { subnet: "answered", vpc: "answered" },
          subnets: 1,
          frozenVpcs: 1,
        });
      } finally {
        await emulator.stop();
      }
    }
  });
});
