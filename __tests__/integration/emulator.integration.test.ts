// Integration: what the project's moto launcher fixes, each beside plain moto's behaviour, so that a
// fix can go when moto does it itself: the ECS service fields moto drops, the tag calls of
// Application Auto Scaling it lacks, the aws:SecureTransport condition of S3 bucket policies,
// which it ignores, ECS deployments, which it does not model, and, under IAM enforcement, the resource
// of IAM writes, which it takes as *, and the signature of a request without a body (Route 53's GETs),
// which it never matches; and the test-only hold that lets a test interrupt Terraform inside
// one AWS call.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  Service,
  UpdateServiceCommand,
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
import {
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { CreateHostedZoneCommand, Route53Client } from "@aws-sdk/client-route-53";
import { CreateBucketCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Emulator, startEmulator } from "../helpers/emulator";
import { terraform, terraformOk } from "../helpers/terraform";
import { tlsOnlyStatement } from "../../state/bootstrap";

jest.setTimeout(90_000);

// One emulator per kind (launcher or plain moto, HTTPS or HTTP, its settings), shared by this file's tests
// in turn, each starting from an empty one: moto's reset empties every service, as a new start does,
// for a fraction of the CPU (a start imports moto, a second or more of CPU on 2 cores).
const emulators = new Map<string, Promise<Emulator>>();
type EmulatorOptions = Parameters<typeof startEmulator>[0];

async function emulatorWith(options: EmulatorOptions = {}): Promise<Emulator> {
  const key = JSON.stringify(options);
  let started = emulators.get(key);
  if (started === undefined) {
    started = startEmulator(options);
    emulators.set(key, started);
  }
  const emulator = await started;
  await emulator.reset();
  return emulator;
}

afterAll(async () => {
  for (const emulator of emulators.values()) await (await emulator).stop();
});

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
    const emulator = await emulatorWith();
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
  });

  it("is needed: plain moto drops them all (when this fails, moto keeps them and the launcher can go)", async () => {
    const emulator = await emulatorWith({ plain: true });
    const kept = await roundTrip(emulator);
    expect(kept).toMatchObject({ grace: undefined, rebalancing: undefined, exec: undefined });
    expect(kept.deployment?.deploymentCircuitBreaker).toBeUndefined();
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
    const emulator = await emulatorWith(options);
    expect(await writeUnderTlsOnlyPolicy(emulator)).toBe(outcome);
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
    const emulator = await emulatorWith(options);
    expect(await scalableTargetTags(emulator)).toEqual(outcome);
  });
});

/**
 * With IAM enforced, a user whose policy allows iam:CreateRole and iam:CreatePolicy on
 * `allowed-*` names only (as the CI deploy roles are scoped) creates one of each, then tries a
 * name outside the scope. What each call came to.
 */
async function scopedIamWrites(emulator: Emulator): Promise<Record<string, string>> {
  const admin = new IAMClient({ ...emulator.client, region: "us-east-1" });
  await admin.send(new CreateUserCommand({ UserName: "deployer" }));
  await admin.send(
    new PutUserPolicyCommand({
      UserName: "deployer",
      PolicyName: "scoped",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["iam:CreateRole", "iam:CreatePolicy"],
            Resource: ["arn:aws:iam::123456789012:role/allowed-*", "arn:aws:iam::123456789012:policy/allowed-*"],
          },
        ],
      }),
    }),
  );
  const { AccessKey } = await admin.send(new CreateAccessKeyCommand({ UserName: "deployer" }));
  admin.destroy();
  await emulator.enforceIam(0);
  const deployer = new IAMClient({
    ...emulator.client,
    region: "us-east-1",
    credentials: { accessKeyId: AccessKey?.AccessKeyId ?? "", secretAccessKey: AccessKey?.SecretAccessKey ?? "" },
  });
  const trust = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
  });
  const document = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
  });
  const outcome = async (call: () => Promise<unknown>) =>
    call().then(
      () => "allowed",
      (error: { $metadata?: { httpStatusCode?: number } }) => `denied (${error.$metadata?.httpStatusCode})`,
    );
  try {
    return {
      "role allowed-app": await outcome(() =>
        deployer.send(new CreateRoleCommand({ RoleName: "allowed-app", AssumeRolePolicyDocument: trust })),
      ),
      "role other-app": await outcome(() =>
        deployer.send(new CreateRoleCommand({ RoleName: "other-app", AssumeRolePolicyDocument: trust })),
      ),
      "policy allowed-app": await outcome(() =>
        deployer.send(new CreatePolicyCommand({ PolicyName: "allowed-app", PolicyDocument: document })),
      ),
      "policy other-app": await outcome(() =>
        deployer.send(new CreatePolicyCommand({ PolicyName: "other-app", PolicyDocument: document })),
      ),
    };
  } finally {
    deployer.destroy();
    await emulator.enforceIam("never");
  }
}

describe("IAM writes scoped to names, with IAM enforced on the emulator (integration)", () => {
  it.each<[string, { plain?: boolean }, Record<string, string>]>([
    [
      "the launcher authorizes CreateRole and CreatePolicy on the new role's and policy's ARNs, as AWS does",
      {},
      {
        "role allowed-app": "allowed",
        "role other-app": "denied (403)",
        "policy allowed-app": "allowed",
        "policy other-app": "denied (403)",
      },
    ],
    [
      "is needed: plain moto authorizes them on *, which no scoped statement matches",
      { plain: true },
      {
        "role allowed-app": "denied (403)",
        "role other-app": "denied (403)",
        "policy allowed-app": "denied (403)",
        "policy other-app": "denied (403)",
      },
    ],
  ])("%s", async (_, options, outcome) => {
    const emulator = await emulatorWith(options);
    expect(await scopedIamWrites(emulator)).toEqual(outcome);
  });
});

/**
 * With IAM enforced, a role session allowed to read hosted zones (a CI plan job's, from
 * AssumeRoleWithWebIdentity) plans a configuration that looks the zone up, as the prod stack does:
 * Terraform's AWS provider lists the zones with a GET without a body. The plan's exit code and what
 * AWS refused.
 */
async function planZoneLookupEnforced(emulator: Emulator): Promise<{ status: number | null; refused: string[] }> {
  const admin = new IAMClient({ ...emulator.client, region: "us-east-1" });
  const route53 = new Route53Client({ ...emulator.client, region: "us-east-1" });
  await route53.send(new CreateHostedZoneCommand({ Name: "example.com", CallerReference: "emulator-test" }));
  route53.destroy();
  const { Role } = await admin.send(
    new CreateRoleCommand({
      RoleName: "planner",
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Federated: "github" }, Action: "sts:AssumeRoleWithWebIdentity" }],
      }),
    }),
  );
  await admin.send(
    new PutRolePolicyCommand({
      RoleName: "planner",
      PolicyName: "read",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["route53:ListHostedZones", "route53:GetHostedZone", "route53:ListTagsForResource"],
            Resource: "*",
          },
        ],
      }),
    }),
  );
  admin.destroy();
  const sts = new STSClient(emulator.client);
  const { Credentials } = await sts.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: Role?.Arn,
      RoleSessionName: "plan-job",
      WebIdentityToken: "github-oidc-token",
    }),
  );
  sts.destroy();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zone-lookup-"));
  fs.writeFileSync(
    path.join(dir, "main.tf.json"),
    JSON.stringify({
      terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "5.100.0" } } },
      provider: {
        aws: {
          region: "ap-northeast-1",
          endpoints: [{ route53: emulator.url, sts: emulator.url }],
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: "true",
        },
      },
      data: { aws_route53_zone: { zone: { name: "example.com" } } },
    }),
  );
  terraformOk(dir, ["init", "-input=false", "-no-color"], emulator.env);
  await emulator.enforceIam(0);
  try {
    const plan = terraform(dir, ["plan", "-input=false", "-no-color"], {
      ...emulator.env,
      AWS_ACCESS_KEY_ID: Credentials?.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: Credentials?.SecretAccessKey,
      AWS_SESSION_TOKEN: Credentials?.SessionToken,
    });
    const refused = [
      ...plan.stderr.matchAll(/operation error Route 53: (\w+), https response error StatusCode: (\d+)/g),
    ];
    return { status: plan.status, refused: refused.map(([, operation, code]) => `${operation}: HTTP ${code}`) };
  } finally {
    await emulator.enforceIam("never");
  }
}

describe("a signed request without a body, with IAM enforced on the emulator (integration)", () => {
  it.each<[string, { plain?: boolean }, { status: number; refused: string[] }]>([
    [
      "the launcher checks its signature over an empty payload, as AWS does: the zone lookup plans",
      {},
      { status: 0, refused: [] },
    ],
    [
      "is needed: plain moto signs the request's parsed parameters as its payload, and refuses the lookup",
      { plain: true },
      { status: 1, refused: ["ListHostedZones: HTTP 403"] },
    ],
  ])("%s", async (_, options, outcome) => {
    const emulator = await emulatorWith(options);
    expect(await planZoneLookupEnforced(emulator)).toEqual(outcome);
  });
});

/** Registers two revisions of a family (the second running `image`), creates a service on the first, updates it to the second. */
async function deployRevisionTwo(
  emulator: Emulator,
  image: string,
  circuitBreaker?: { enable: boolean; rollback: boolean },
): Promise<{ ecs: ECSClient; describe: () => Promise<Service | undefined>; revisions: string[] }> {
  const ecs = new ECSClient(emulator.client);
  await ecs.send(new CreateClusterCommand({ clusterName: "c" }));
  const revisions: string[] = [];
  for (const revisionImage of ["nginx:1.27.2", image]) {
    const { taskDefinition } = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "f",
        containerDefinitions: [{ name: "a", image: revisionImage, memory: 512 }],
      }),
    );
    revisions.push(taskDefinition?.taskDefinitionArn ?? "");
  }
  await ecs.send(
    new CreateServiceCommand({
      cluster: "c",
      serviceName: "s",
      taskDefinition: revisions[0],
      desiredCount: 2,
      deploymentConfiguration: circuitBreaker && { deploymentCircuitBreaker: circuitBreaker },
    }),
  );
  const describe = async () =>
    (await ecs.send(new DescribeServicesCommand({ cluster: "c", services: ["s"] }))).services?.[0];
  // The service's first deployment settles before the update, as a real one would have.
  await new Promise((r) => setTimeout(r, 1_200));
  await describe();
  await new Promise((r) => setTimeout(r, 1_200));
  await ecs.send(new UpdateServiceCommand({ cluster: "c", service: "s", taskDefinition: "f:2" }));
  return { ecs, describe, revisions };
}

/** The service's deployments as a reviewer reads them: status, rollout state, revision (f:N), running count. */
function deploymentsOf(service: Service | undefined): string[] {
  return (service?.deployments ?? []).map(
    (d) => `${d.status} ${d.rolloutState} ${d.taskDefinition?.split("/").pop()} running=${d.runningCount}`,
  );
}

describe("ECS deployments on the emulator (integration)", () => {
  const fast = { MOTO_ECS_DEPLOYMENT_SECONDS: "1", MOTO_ECS_FAILING_IMAGES: "example.invalid/broken:1" };

  it("the launcher models a rolling deployment: a new PRIMARY, the old one ACTIVE, then COMPLETED with running = desired", async () => {
    const emulator = await emulatorWith({ env: fast });
    const { ecs, describe } = await deployRevisionTwo(emulator, "nginx:1.27.3");
    try {
      const during = await describe();
      expect(deploymentsOf(during)).toEqual(["PRIMARY IN_PROGRESS f:2 running=0", "ACTIVE COMPLETED f:1 running=2"]);
      await new Promise((r) => setTimeout(r, 1_300));
      const after = await describe();
      expect(deploymentsOf(after)).toEqual(["PRIMARY COMPLETED f:2 running=2"]);
      expect(after?.runningCount).toBe(2);
      expect(after?.events?.[0]?.message).toBe("(service s) has reached a steady state.");
    } finally {
      ecs.destroy();
    }
  });

  it("is needed: plain moto keeps one deployment, IN_PROGRESS for ever, whatever the update", async () => {
    const emulator = await emulatorWith({ plain: true, env: fast });
    const { ecs, describe } = await deployRevisionTwo(emulator, "nginx:1.27.3");
    try {
      await new Promise((r) => setTimeout(r, 1_300));
      const after = await describe();
      expect(deploymentsOf(after)).toEqual(["PRIMARY IN_PROGRESS f:1 running=0"]);
      // (and it keeps the service's task definition as sent, `f:2`, where ECS answers with the revision's ARN)
      expect(after?.taskDefinition).toBe("f:2");
    } finally {
      ecs.destroy();
    }
  });

  it.each<[string, { enable: boolean; rollback: boolean } | undefined, string[], string]>([
    [
      "with the circuit breaker's rollback: FAILED, and a new deployment back to the revision it replaced",
      { enable: true, rollback: true },
      ["PRIMARY IN_PROGRESS f:1 running=0", "ACTIVE FAILED f:2 running=0", "ACTIVE COMPLETED f:1 running=2"],
      "f:1",
    ],
    [
      "with the circuit breaker, no rollback: FAILED, the old deployment still ACTIVE",
      { enable: true, rollback: false },
      ["PRIMARY FAILED f:2 running=0", "ACTIVE COMPLETED f:1 running=2"],
      "f:2",
    ],
    [
      "without a circuit breaker: IN_PROGRESS for ever, its tasks failing, as ECS keeps trying",
      undefined,
      ["PRIMARY IN_PROGRESS f:2 running=0", "ACTIVE COMPLETED f:1 running=2"],
      "f:2",
    ],
  ])("a deployment made to fail (tests only) %s", async (_, breaker, deployments, serviceRevision) => {
    const emulator = await emulatorWith({ env: fast });
    const { ecs, describe } = await deployRevisionTwo(emulator, "example.invalid/broken:1", breaker);
    try {
      await new Promise((r) => setTimeout(r, 1_300));
      const after = await describe();
      expect(deploymentsOf(after)).toEqual(deployments);
      expect(after?.taskDefinition?.split("/").pop()).toBe(serviceRevision);
      expect(after?.deployments?.find((d) => d.taskDefinition?.endsWith("f:2"))?.failedTasks).toBe(2);
    } finally {
      ecs.destroy();
    }
  });
});

/** Creates a service with no deployment configuration, turns the circuit breaker on with UpdateService, reads it back. */
async function circuitBreakerTurnedOn(emulator: Emulator) {
  const ecs = new ECSClient(emulator.client);
  try {
    await ecs.send(new CreateClusterCommand({ clusterName: "c" }));
    const { taskDefinition } = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "f",
        containerDefinitions: [{ name: "a", image: "nginx:1", memory: 512 }],
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster: "c",
        serviceName: "s",
        taskDefinition: taskDefinition?.taskDefinitionArn,
        desiredCount: 1,
      }),
    );
    const { service } = await ecs.send(
      new UpdateServiceCommand({
        cluster: "c",
        service: "s",
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
      }),
    );
    return service?.deploymentConfiguration;
  } finally {
    ecs.destroy();
  }
}

describe("an update of an ECS service's deployment configuration on the emulator (integration)", () => {
  it.each<[string, { plain?: boolean }, unknown]>([
    [
      "the launcher merges it over what the service has, as ECS does: the healthy percents stay",
      {},
      { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 100 },
    ],
    [
      "is needed: plain moto replaces it, dropping the healthy percents",
      { plain: true },
      { deploymentCircuitBreaker: { enable: true, rollback: true } },
    ],
  ])("%s", async (_, options, configuration) => {
    const emulator = await emulatorWith(options);
    expect(await circuitBreakerTurnedOn(emulator)).toEqual(configuration);
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
    const emulator = await emulatorWith({ holds: true });
    expect(await interruptedCreate(emulator, { perform: true })).toEqual({
      answers: { subnet: "abandoned", vpc: "abandoned" },
      during: { armed: true, held: 1, busy: 0 },
      released: { released: 2 },
      subnets: 1,
      frozenVpcs: 0,
    });
  });

  it("or holds it unperformed: nothing is created, as when the interrupt lands before the call", async () => {
    const emulator = await emulatorWith({ holds: true });
    expect(await interruptedCreate(emulator, { perform: false })).toMatchObject({ subnets: 0, frozenVpcs: 0 });
  });

  it("is test-only: without MOTO_TEST_CONTROL, and in plain moto, there is no control and every call is answered", async () => {
    for (const options of [{}, { plain: true }]) {
      const emulator = await emulatorWith(options);
      await expect(emulator.control.state()).rejects.toThrow(/HTTP (404|400|500)/);
      expect(await interruptedCreate(emulator)).toMatchObject({
        answers: { subnet: "answered", vpc: "answered" },
        subnets: 1,
        frozenVpcs: 1,
      });
    }
  });
});
