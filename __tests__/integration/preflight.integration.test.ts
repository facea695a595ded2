// Integration: `npm run preflight` on the local endpoint, for the prod environment: with every
// requirement in place it exits 0; each blocker is then staged on its own (no state bucket, a
// missing hosted zone, a zone not delegated by its parent in the same account, no ECS
// service-linked role, the access-log bucket's name taken by another account, a missing secret
// parameter, a Docker Hub image), and each shows as its own line, with a non-zero exit.
import { CreateRoleCommand, DeleteRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  GetHostedZoneCommand,
  Route53Client,
} from "@aws-sdk/client-route-53";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { DeleteParameterCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { STSClient } from "@aws-sdk/client-sts";
import { EnvironmentSettings } from "../../config";
import { dev } from "../../config/environments/dev";
import { prod } from "../../config/environments/prod";
import { preflight } from "../../preflight/checks";
import { CheckResult } from "../../preflight/report";
import { stacksInMemory } from "../../stacks/in-memory";
import { bootstrapStateBucket } from "../../state/bootstrap";
import { Emulator, startEmulator } from "../helpers/emulator";
import { settingsWith } from "../helpers/settings";
import { npmScript } from "../helpers/terraform";

jest.setTimeout(120_000);

const ACCOUNT = "123456789012";
const BUCKET = "preflight-test-tfstate";
const PARAMETER = "/example-prod/app/secret";

/**
 * The ECS service-linked role as AWS names it. moto's CreateServiceLinkedRole names it
 * `AWSServiceRoleForEcs`, so the test makes it with CreateRole under AWS's name and path.
 */
const ecsServiceLinkedRole = new CreateRoleCommand({
  RoleName: "AWSServiceRoleForECS",
  Path: "/aws-service-role/ecs.amazonaws.com/",
  AssumeRolePolicyDocument: JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "ecs.amazonaws.com" }, Action: "sts:AssumeRole" }],
  }),
});

describe("npm run preflight against the local endpoint (integration)", () => {
  let emulator: Emulator;
  let clients: { sts: STSClient; s3: S3Client; iam: IAMClient; route53: Route53Client; ssm: SSMClient };
  let zoneId: string;
  /** `stateBucket` null: none at all. */
  const run = (settings: EnvironmentSettings = prod, stateBucket: string | null = BUCKET) => {
    const runtime = { endpoint: emulator.url, stateBucket: stateBucket ?? undefined };
    const json = stacksInMemory([dev, prod], runtime).get(settings.stackName);
    if (!json) throw new Error(`no ${settings.stackName}`);
    return preflight(clients, settings, runtime, json);
  };
  const line = (results: CheckResult[], check: string | RegExp) =>
    results.find((r) => (typeof check === "string" ? r.check === check : check.test(r.check)));
  const blockers = (results: CheckResult[]) => results.filter((r) => r.status === "blocker").map((r) => r.check);

  beforeAll(async () => {
    emulator = await startEmulator();
    const global = { ...emulator.client, region: "us-east-1" };
    clients = {
      sts: new STSClient(emulator.client),
      s3: new S3Client({ ...emulator.client, forcePathStyle: true }),
      iam: new IAMClient(global),
      route53: new Route53Client(global),
      ssm: new SSMClient(emulator.client),
    };
    // Everything a first deploy of prod needs.
    await bootstrapStateBucket({ bucket: BUCKET, region: "ap-northeast-1", s3: clients.s3, sts: clients.sts });
    const { HostedZone } = await clients.route53.send(
      new CreateHostedZoneCommand({ Name: "example.com", CallerReference: `zone-${Date.now()}` }),
    );
    zoneId = (HostedZone?.Id ?? "").replace("/hostedzone/", "");
    await clients.iam.send(ecsServiceLinkedRole);
    await clients.ssm.send(new PutParameterCommand({ Name: PARAMETER, Type: "SecureString", Value: "uninitialized" }));
  });

  afterAll(async () => {
    for (const client of Object.values(clients ?? {})) client.destroy();
    await emulator?.stop();
  });

  it("with everything in place: one line per check, no blocker, exit 0", () => {
    const result = npmScript(["preflight", "--", "ecs-fargate-prod"], { ...emulator.env, TF_STATE_BUCKET: BUCKET });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^\[ok +\] account and region +account 123456789012 as arn:aws:sts::123456789012:user\/moto, region ap-northeast-1$/,
      ),
      expect.stringMatching(/^\[ok +\] state bucket +preflight-test-tfstate, this account's$/),
      expect.stringMatching(new RegExp(`^\\[ok +\\] hosted zone +example.com \\(${zoneId}\\)$`)),
      // example.com's parent is a top-level domain: never in the account.
      expect.stringMatching(
        /^\[cannot tell\] zone delegation +the parent of example.com is not in this account: check that `dig \+short NS example.com` answers /,
      ),
      expect.stringMatching(/^\[ok +\] ECS service-linked role +AWSServiceRoleForECS exists$/),
      expect.stringMatching(/^\[ok +\] S3 name example-prod-alb-logs-123456789012 +free$/),
      expect.stringMatching(/^\[ok +\] parameter \/example-prod\/app\/secret +exists \(its value is not read\)$/),
      expect.stringMatching(/^\[ok +\] images +every image names its registry \(none from Docker Hub\)$/),
      "ecs-fargate-prod: no blocker; deploy when the warnings are understood",
    ]);
  });

  it("a state bucket that does not exist is a blocker that names the bootstrap command", async () => {
    const results = await run(prod, "no-such-tfstate");
    expect(blockers(results)).toEqual(["state bucket"]);
    expect(line(results, "state bucket")?.detail).toBe(
      "no-such-tfstate does not exist: npm run bootstrap:state -- no-such-tfstate",
    );
  });

  it("no state bucket at all is a warning: CI has no local state", async () => {
    const results = await run(prod, null);
    expect(blockers(results)).toEqual([]);
    expect(line(results, "state bucket")).toMatchObject({ status: "warning" });
  });

  it("the access-log bucket's name taken by another account is a blocker", async () => {
    // moto takes the account from this header: another team's account creates the name first.
    const other = new S3Client({ ...emulator.client, forcePathStyle: true });
    other.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers["x-moto-account-id"] = "210987654321";
        return next(args);
      },
      { step: "build" },
    );
    await other.send(
      new CreateBucketCommand({
        Bucket: `example-prod-alb-logs-${ACCOUNT}`,
        CreateBucketConfiguration: { LocationConstraint: "ap-northeast-1" },
      }),
    );
    other.destroy();
    const results = await run();
    expect(blockers(results)).toEqual([`S3 name example-prod-alb-logs-${ACCOUNT}`]);
    expect(line(results, /^S3 name/)?.detail).toBe("taken by another account: change the prefix");
  });

  it("a missing secret parameter is a blocker that names bootstrap:secrets", async () => {
    await clients.ssm.send(new DeleteParameterCommand({ Name: PARAMETER }));
    try {
      const results = await run();
      expect(line(results, `parameter ${PARAMETER}`)).toEqual({
        check: `parameter ${PARAMETER}`,
        status: "blocker",
        detail: "missing: the tasks cannot start; npm run bootstrap:secrets -- ecs-fargate-prod",
      });
    } finally {
      await clients.ssm.send(
        new PutParameterCommand({ Name: PARAMETER, Type: "SecureString", Value: "uninitialized" }),
      );
    }
  });

  it("a missing ECS service-linked role is a blocker that names the command creating it", async () => {
    await clients.iam.send(new DeleteRoleCommand({ RoleName: "AWSServiceRoleForECS" }));
    try {
      const results = await run();
      expect(line(results, "ECS service-linked role")).toEqual({
        check: "ECS service-linked role",
        status: "blocker",
        detail:
          "AWSServiceRoleForECS is missing (the first service fails to assume it): aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com",
      });
    } finally {
      await clients.iam.send(ecsServiceLinkedRole);
    }
  });

  it("a zone whose parent, in the same account, does not delegate to it is a blocker; delegated, it passes", async () => {
    const settings: EnvironmentSettings = settingsWith(
      { loadBalancer: { https: { dns: { zoneName: "app.example.com", domainName: "www.app.example.com" } } } },
      prod,
    );
    const { HostedZone } = await clients.route53.send(
      new CreateHostedZoneCommand({ Name: "app.example.com", CallerReference: `child-${Date.now()}` }),
    );
    const childId = HostedZone?.Id ?? "";
    const notDelegated = await run(settings);
    expect(line(notDelegated, "zone delegation")).toMatchObject({
      status: "blocker",
      detail: expect.stringMatching(
        /^example.com \(in this account\) has no NS record for app.example.com, not its name servers /,
      ),
    });
    const { DelegationSet } = await clients.route53.send(new GetHostedZoneCommand({ Id: childId }));
    await clients.route53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: {
          Changes: [
            {
              Action: "CREATE",
              ResourceRecordSet: {
                Name: "app.example.com",
                Type: "NS",
                TTL: 300,
                ResourceRecords: (DelegationSet?.NameServers ?? []).map((Value) => ({ Value })),
              },
            },
          ],
        },
      }),
    );
    const delegated = await run(settings);
    expect(line(delegated, "zone delegation")).toEqual({
      check: "zone delegation",
      status: "ok",
      detail: "example.com's NS record names the zone's name servers",
    });
  });

  it("a hosted zone that does not exist is a blocker", async () => {
    const results = await run(
      settingsWith(
        { loadBalancer: { https: { dns: { zoneName: "example.org", domainName: "app.example.org" } } } },
        prod,
      ),
    );
    expect(line(results, "hosted zone")).toEqual({
      check: "hosted zone",
      status: "blocker",
      detail: "no public hosted zone example.org in this account: create it and delegate it",
    });
  });

  it("an image from Docker Hub is a blocker (dev runs the note's nginx:latest); the CLI exits 1", async () => {
    const results = await run(dev);
    expect(line(results, "images")).toEqual({
      check: "images",
      status: "blocker",
      detail:
        "from Docker Hub, whose anonymous pulls through the NAT gateways are limited: nginx:latest; use ECR or ECR Public (public.ecr.aws/docker/library/...)",
    });
    const result = npmScript(["preflight", "--", "dev"], { ...emulator.env, TF_STATE_BUCKET: BUCKET });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^\[BLOCKER {4}\] images +from Docker Hub/m);
    expect(result.stdout.trim().split("\n").at(-1)).toBe("ecs-fargate-dev: 1 blocker: fix before the first deploy");
  });
});
