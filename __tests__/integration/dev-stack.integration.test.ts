// Integration: the dev stack (the note's) with its state in S3, end to end against a local AWS
// endpoint (the project's moto launcher), with the real Terraform CLI: the state bucket
// bootstrapped, an apply interrupted between creates (nothing left behind) and one interrupted inside a
// create (an orphan, found by `npm run recover` and imported by the next apply, which converges: the
// launcher holds that one AWS call open so that the SIGINT lands there every time), what AWS holds read
// back with the AWS SDK, locking (a held lock, a killed apply, force-unlock), a re-plan, the state's
// versions, and a destroy with a bounded wait. One deploy serves every test here: they run in order and
// each names what it leaves for the next. What a reviewer reads for real changes of this stack is
// dev-stack-review.integration, on a deploy of its own, side by side with this file. moto runs no
// containers: nothing here asserts that tasks run.
import * as fs from "fs";
import * as path from "path";
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import {
  DescribeAddressesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
} from "@aws-sdk/client-ecs";
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListPoliciesCommand,
} from "@aws-sdk/client-iam";
import { CreateBucketCommand, GetBucketVersioningCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { PlanJson } from "../../plan-review";
import { mermaidBlock, parseMermaid } from "../plan-review/mermaid";
import { STACK_ADDRESSES } from "../helpers/addresses";
import { noteContainers } from "../helpers/container-definitions";
import { Emulator, startEmulator } from "../helpers/emulator";
import { reviewSavedPlan, summaryRow } from "../helpers/review";
import { LockInfo, RemoteState } from "../helpers/state";
import { DEV_STACK, destroyWithin, npmScript, spawnTerraform, synthesizeApp, terraformOk } from "../helpers/terraform";
import { findTagged } from "../../recover/discover";

jest.setTimeout(300_000);

interface StateResource {
  address: string;
  mode: string;
  values: Record<string, any>;
}
const MANAGED_ADDRESSES = STACK_ADDRESSES.filter((a) => !a.startsWith("data."));

const BUCKET = "ecs-fargate-tfstate";
/** private_1's CIDR: the subnet the interrupted applies are stopped inside. */
const PRIVATE_1_CIDR = "10.0.66.0/24";
const KEY = `${DEV_STACK}/terraform.tfstate`;

describe("the dev stack, state in S3, against the local AWS endpoint (integration)", () => {
  let emulator: Emulator;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let state: Map<string, Record<string, any>>;
  let remote: RemoteState;
  let s3: S3Client;
  let ecs: ECSClient, ec2: EC2Client, elbv2: ElasticLoadBalancingV2Client, iam: IAMClient, logs: CloudWatchLogsClient;

  const tf = (args: string[], expected?: number[]) => terraformOk(dir, [...args, "-no-color"], env, expected);
  const readState = () => {
    const shown = JSON.parse(tf(["show", "-json"]).stdout);
    const resources: StateResource[] = shown.values?.root_module?.resources ?? [];
    return new Map(resources.filter((r) => r.mode === "managed").map((r) => [r.address, r.values]));
  };
  const id = (address: string): string => {
    const values = state.get(address);
    if (!values) throw new Error(`${address} is not in the state`);
    return values.id as string;
  };
  const bootstrap = () => npmScript(["bootstrap:state", "--", BUCKET], env);

  beforeAll(async () => {
    emulator = await startEmulator({ holds: true });
    env = { ...emulator.env, TF_STATE_BUCKET: BUCKET };
    s3 = new S3Client({ ...emulator.client, forcePathStyle: true });
    remote = new RemoteState(s3, BUCKET, KEY);
    ecs = new ECSClient(emulator.client);
    ec2 = new EC2Client(emulator.client);
    elbv2 = new ElasticLoadBalancingV2Client(emulator.client);
    iam = new IAMClient({ ...emulator.client, region: "us-east-1" });
    logs = new CloudWatchLogsClient(emulator.client);
    dir = synthesizeApp(env);
  });

  afterAll(async () => {
    for (const client of [s3, ecs, ec2, elbv2, iam, logs]) client?.destroy();
    await emulator?.stop();
  });

  describe("1. the state bucket", () => {
    it("is created by bootstrap:state: versioned, encrypted, private, TLS-only", () => {
      const first = bootstrap();
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/^ {2}bucket +created +in ap-northeast-1$/m);
      expect(first.stdout).toMatch(/^ {2}versioning +set +enabled$/m);
      expect(first.stdout).toMatch(/^ {2}public access block +set +all four on$/m);
      expect(first.stdout).toMatch(/^ {2}TLS-only policy +set +DenyInsecureTransport$/m);
      expect(first.stdout).toMatch(/^the bucket is ready$/m);
    });

    it("is left alone by a second bootstrap, which reports no change", () => {
      const second = bootstrap();
      expect(second.status).toBe(0);
      expect(second.stdout.match(/already so/g)).toHaveLength(5);
      expect(second.stdout).toMatch(/^no change: the bucket was already ready$/m);
    });

    it("refuses a bucket of another account, and one in another region, without touching either", async () => {
      // Another account's credentials: moto maps an assumed role's keys to the role's account.
      const sts = new STSClient(emulator.client);
      const { Credentials } = await sts.send(
        new AssumeRoleCommand({ RoleArn: "arn:aws:iam::111111111111:role/other-team", RoleSessionName: "other-team" }),
      );
      sts.destroy();
      const theirs = new S3Client({
        ...emulator.client,
        forcePathStyle: true,
        credentials: {
          accessKeyId: Credentials?.AccessKeyId ?? "",
          secretAccessKey: Credentials?.SecretAccessKey ?? "",
          sessionToken: Credentials?.SessionToken,
        },
      });
      await theirs.send(
        new CreateBucketCommand({
          Bucket: "other-team-state",
          CreateBucketConfiguration: { LocationConstraint: "ap-northeast-1" },
        }),
      );
      theirs.destroy();
      const other = npmScript(["bootstrap:state", "--", "other-team-state"], env);
      expect(other.status).toBe(1);
      expect(other.stderr.trim().split("\n").pop()).toBe(
        'bootstrap:state: bucket "other-team-state" exists but belongs to another account, not 123456789012; choose another name',
      );
      const { Status } = await s3.send(new GetBucketVersioningCommand({ Bucket: "other-team-state" }));
      expect(Status).toBeUndefined();

      const elsewhere = npmScript(["bootstrap:state", "--", BUCKET, "--region", "us-west-2"], env);
      expect(elsewhere.status).toBe(1);
      expect(elsewhere.stderr.trim().split("\n").pop()).toBe(
        `bootstrap:state: bucket "${BUCKET}" exists in ap-northeast-1, not us-west-2: pass --region ap-northeast-1 (and set state.region) or choose another name`,
      );
    });

    it("backs the stack: Terraform initializes the S3 backend against it", () => {
      const backend = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8")).terraform.backend.s3;
      expect(backend).toMatchObject({ bucket: BUCKET, key: KEY, use_lockfile: true, endpoints: { s3: emulator.url } });
      expect(tf(["init", "-input=false"]).stdout).toContain('Successfully configured the backend "s3"!');
    });
  });

  /** The first plan, and what a reviewer reads for it. */
  let created: { plan: PlanJson; summary: string };

  it("2. plans to create exactly the stack's resources and nothing else", () => {
    const planned = tf(["plan", "-input=false", "-out=create.tfplan"]);
    created = reviewSavedPlan(dir, "create.tfplan", planned.stdout, env);
    const changes = (created.plan.resource_changes ?? []).filter((c) => c.mode === "managed");
    expect(changes.map((c) => c.address).sort()).toEqual(MANAGED_ADDRESSES);
    expect(changes.filter((c) => c.change.actions.join() !== "create")).toEqual([]);
  });

  describe("2b. the plan a reviewer reads for it", () => {
    let summary: string;
    beforeAll(() => {
      summary = created.summary;
    });

    it("has the headline: every resource added, nothing else", () => {
      expect(summary).toContain(`**${MANAGED_ADDRESSES.length} to add, 0 to change, 0 to replace, 0 to destroy.**`);
      expect(summary.split("\n")[0]).toBe(`<!-- plan-review:stack=${DEV_STACK} -->`);
    });

    it("lists every resource as created, with the construct path that made it", () => {
      const json = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8"));
      for (const address of MANAGED_ADDRESSES) {
        const [type, name] = address.split(".") as [string, string];
        const constructPath = json.resource[type][name]["//"].metadata.path as string;
        expect([address, summaryRow(summary, address)]).toEqual([
          address,
          expect.stringContaining(`\`${constructPath}\``),
        ]);
        expect(summaryRow(summary, address)).toMatch(/^\| 🟢 create \|/);
      }
      expect(summaryRow(summary, "aws_ecs_service.example")).toContain("`ecs-fargate-dev/service/service`");
    });

    it("draws the changed resources as a Mermaid flowchart, grouped by construct, that Mermaid parses", () => {
      const [diagram] = parseMermaid([mermaidBlock(summary)]);
      expect(diagram?.error).toBeUndefined();
      expect(diagram?.diagramType).toBe("flowchart-v2");
      // 37 resources: one box per construct and action, legible at a comment's width.
      expect(diagram?.nodes?.map((n) => n.text)).toEqual(
        expect.arrayContaining(["network: 20 to add", "service: 1 to add", "taskDefinition: 1 to add"]),
      );
    });
  });

  /**
   * Applies (the saved create plan, or a fresh plan) until the launcher holds the first CreateSubnet of
   * private_1's CIDR, performed or not; then sends SIGINT, as a cancelled CI job does, at a moment when no
   * other AWS call is half-done (the launcher freezes them), and releases the held calls once Terraform is out.
   */
  const interruptAtPrivateSubnet = async (perform: boolean, args: string[]) => {
    await emulator.control.hold({ action: "CreateSubnet", params: { CidrBlock: PRIVATE_1_CIDR }, perform });
    const apply = spawnTerraform(dir, ["apply", "-input=false", "-no-color", ...args], env);
    try {
      await emulator.control.caught();
      apply.child.kill("SIGINT");
      const exited = await Promise.race([apply.exited, new Promise((r) => setTimeout(r, 90_000, undefined))]);
      if (exited === undefined) throw new Error(`terraform did not stop within 90 s of SIGINT:\n${apply.output()}`);
    } finally {
      await emulator.control.release();
    }
    return { exit: await apply.exited, output: apply.output() };
  };
  /** The subnets with private_1's CIDR in AWS, with their tags. */
  const privateSubnets = async () => {
    const { Subnets = [] } = await ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: "cidr-block", Values: [PRIVATE_1_CIDR] }] }),
    );
    return Subnets.map((s) => ({
      id: s.SubnetId,
      tags: Object.fromEntries((s.Tags ?? []).map((t) => [t.Key, t.Value])),
    }));
  };
  const recover = () => npmScript(["recover", "--", DEV_STACK, "--out", path.dirname(path.dirname(dir))], env);
  const importsFile = () => path.join(dir, "recover-imports.tf.json");

  describe("3. an apply interrupted midway, as a cancelled CI job does it", () => {
    describe("between creates: AWS had not made the subnet being created", () => {
      let interrupted: { exit: { code: number | null; signal: NodeJS.Signals | null }; output: string };

      beforeAll(async () => {
        interrupted = await interruptAtPrivateSubnet(false, ["create.tfplan"]);
      });

      it("stops gracefully, fails, and keeps what it made in the state", async () => {
        expect(interrupted.output).toContain("Interrupt received.");
        expect(interrupted.exit.code).toBe(1);
        const saved = await remote.addresses();
        expect(saved).toContain("aws_vpc.example");
        expect(saved).not.toContain("aws_subnet.private_1");
        expect(saved.length).toBeLessThan(MANAGED_ADDRESSES.length);
        // Terraform released its lock on the way out.
        expect(await remote.lock()).toBeUndefined();
      });

      it("leaves nothing behind that the state lacks: recover finds nothing (exit 0)", async () => {
        expect(await privateSubnets()).toEqual([]);
        const found = recover();
        expect({ status: found.status, stderr: found.stderr }).toEqual({ status: 0, stderr: "" });
        expect(found.stdout).toContain("nothing to recover: the state holds every resource with the stack's tag");
        expect(fs.existsSync(importsFile())).toBe(false);
      });
    });

    describe("inside a create: AWS made the subnet, Terraform never learned its id", () => {
      let orphan: { id?: string; tags: Record<string, string | undefined> } | undefined;
      let found: { status: number | null; stdout: string; stderr: string };

      beforeAll(async () => {
        const interrupted = await interruptAtPrivateSubnet(true, ["-auto-approve"]);
        expect(interrupted.exit.code).toBe(1);
        [orphan] = await privateSubnets();
        found = recover();
      });

      it("leaves an orphan: the subnet exists in AWS, with the stack's tag, and not in the state", async () => {
        // The provider tags a subnet in CreateSubnet itself (TagSpecifications): an orphan carries the tag.
        expect(orphan?.tags).toMatchObject({ ManagedBy: `cdktf:${DEV_STACK}`, Name: "example-private-1" });
        expect(await remote.addresses()).not.toContain("aws_subnet.private_1");
      });

      it("is found by npm run recover, mapped to its address, and written as an import block (exit 2)", () => {
        expect({ status: found.status, stderr: found.stderr }).toEqual({ status: 2, stderr: "" });
        expect(found.stdout).toMatch(
          new RegExp(
            `^  orphan ${orphan?.id} \\(cidr_block=${PRIVATE_1_CIDR}, vpc_id=vpc-\\w+\\) is aws_subnet\\.private_1: import$`,
            "m",
          ),
        );
        expect(JSON.parse(fs.readFileSync(importsFile(), "utf8"))).toEqual({
          import: [{ to: "aws_subnet.private_1", id: orphan?.id }],
        });
      });

      it("is imported by the next apply, which converges", async () => {
        const applied = tf(["apply", "-input=false", "-auto-approve"]);
        expect(applied.stdout).toMatch(/aws_subnet\.private_1: Import complete/);
        state = readState();
        expect([...state.keys()].sort()).toEqual(MANAGED_ADDRESSES);
        expect(id("aws_subnet.private_1")).toBe(orphan?.id);
        expect(await remote.addresses()).toEqual(MANAGED_ADDRESSES);
      });

      it("then recover finds nothing more, and removes its import blocks", () => {
        const again = recover();
        expect(again.status).toBe(0);
        expect(again.stdout).toContain("nothing to recover");
        expect(fs.existsSync(importsFile())).toBe(false);
      });
    });

    it("left no duplicate resource behind in AWS", async () => {
      const { Vpcs = [] } = await ec2.send(
        new DescribeVpcsCommand({ Filters: [{ Name: "tag:Name", Values: ["example"] }] }),
      );
      expect(Vpcs.map((v) => v.VpcId)).toEqual([id("aws_vpc.example")]);
      const vpcFilter = [{ Name: "vpc-id", Values: [id("aws_vpc.example")] }];
      const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ Filters: vpcFilter }));
      expect(Subnets).toHaveLength(4);
      const { InternetGateways = [] } = await ec2.send(
        new DescribeInternetGatewaysCommand({
          Filters: [{ Name: "attachment.vpc-id", Values: [id("aws_vpc.example")] }],
        }),
      );
      expect(InternetGateways).toHaveLength(1);
      const { NatGateways = [] } = await ec2.send(
        new DescribeNatGatewaysCommand({ Filter: [...vpcFilter, { Name: "state", Values: ["pending", "available"] }] }),
      );
      expect(NatGateways).toHaveLength(2);
      const { Addresses = [] } = await ec2.send(new DescribeAddressesCommand({}));
      expect(Addresses).toHaveLength(2);
      const { SecurityGroups = [] } = await ec2.send(
        new DescribeSecurityGroupsCommand({
          Filters: [...vpcFilter, { Name: "group-name", Values: ["nginx-sg", "http-sg"] }],
        }),
      );
      expect(SecurityGroups).toHaveLength(2);
      const { LoadBalancers = [] } = await elbv2.send(new DescribeLoadBalancersCommand({}));
      expect(LoadBalancers.map((lb) => lb.LoadBalancerName)).toEqual(["example"]);
      const { TargetGroups = [] } = await elbv2.send(new DescribeTargetGroupsCommand({}));
      expect(TargetGroups.map((tg) => tg.TargetGroupName)).toEqual(["example"]);
      const { taskDefinitionArns = [] } = await ecs.send(
        new ListTaskDefinitionsCommand({ familyPrefix: "example", status: "ACTIVE" }),
      );
      expect(taskDefinitionArns).toHaveLength(1);
    });
  });

  it("4. keeps the state in S3 under the stack's key, holding the stack's resources", async () => {
    const saved = await remote.state();
    expect(
      saved?.resources
        .filter((r) => r.mode === "managed")
        .map((r) => `${r.type}.${r.name}`)
        .sort(),
    ).toEqual(MANAGED_ADDRESSES);
    expect(fs.existsSync(path.join(dir, "terraform.tfstate"))).toBe(false);
  });

  describe("5. what AWS now holds", () => {
    it("the service: 2 Fargate tasks on 1.4.0 in the private subnets behind the target group", async () => {
      const { services } = await ecs.send(new DescribeServicesCommand({ cluster: "example", services: ["example"] }));
      expect(services).toHaveLength(1);
      expect(services?.[0]).toMatchObject({
        serviceName: "example",
        status: "ACTIVE",
        desiredCount: 2,
        launchType: "FARGATE",
        platformVersion: "1.4.0",
        healthCheckGracePeriodSeconds: 60,
        taskDefinition: state.get("aws_ecs_task_definition.example")?.arn,
        loadBalancers: [
          { targetGroupArn: id("aws_lb_target_group.example"), containerName: "example", containerPort: 80 },
        ],
        networkConfiguration: {
          awsvpcConfiguration: {
            securityGroups: [id("aws_security_group.nginx_sg")],
            assignPublicIp: "DISABLED",
          },
        },
      });
      // A set: AWS keeps no order.
      expect(services?.[0]?.networkConfiguration?.awsvpcConfiguration?.subnets?.slice().sort()).toEqual(
        [id("aws_subnet.private_0"), id("aws_subnet.private_1")].sort(),
      );
    });

    it("the task definition: example:1, 256/512, awsvpc, the execution role, the file's containers", async () => {
      const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "example" }));
      expect(taskDefinition).toMatchObject({
        family: "example",
        revision: 1,
        cpu: "256",
        memory: "512",
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        executionRoleArn: state.get("aws_iam_role.ecs_task_execution_role")?.arn,
      });
      // Every key the file sets comes back as written (AWS adds defaults such as "cpu": 0).
      expect(taskDefinition?.containerDefinitions).toMatchObject(noteContainers());
      expect(taskDefinition?.containerDefinitions).toHaveLength(noteContainers().length);
    });

    it("the log group, kept 180 days", async () => {
      const { logGroups } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/ecs/example" }));
      expect(logGroups?.map((g) => [g.logGroupName, g.retentionInDays])).toEqual([["/ecs/example", 180]]);
    });

    it("the execution role: assumable by ECS tasks, every managed statement plus ssm:GetParameters and kms:Decrypt", async () => {
      const { Role } = await iam.send(new GetRoleCommand({ RoleName: "ecs-task-execution" }));
      const trust = JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? "{}"));
      expect(trust.Statement).toEqual([
        expect.objectContaining({
          Effect: "Allow",
          Action: "sts:AssumeRole",
          Principal: { Service: "ecs-tasks.amazonaws.com" },
        }),
      ]);

      const { AttachedPolicies } = await iam.send(
        new ListAttachedRolePoliciesCommand({ RoleName: "ecs-task-execution" }),
      );
      expect(AttachedPolicies?.map((p) => p.PolicyName)).toEqual(["ecs-task-execution"]);
      const document = async (arn: string) => {
        const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
        const { PolicyVersion } = await iam.send(
          new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: Policy?.DefaultVersionId }),
        );
        const parsed = JSON.parse(decodeURIComponent(PolicyVersion?.Document ?? "{}"));
        return (Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement]) as Record<string, unknown>[];
      };
      const actions = (statement: Record<string, unknown>) => [statement.Action].flat().sort();

      const managed = await document("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
      const role = await document(AttachedPolicies?.[0]?.PolicyArn ?? "");
      expect(managed.length).toBeGreaterThan(0);
      for (const statement of managed) {
        expect(role).toContainEqual(expect.objectContaining({ Effect: statement.Effect, Action: expect.anything() }));
        expect(role.map(actions)).toContainEqual(actions(statement));
      }
      expect(role.map(actions)).toContainEqual(["kms:Decrypt", "ssm:GetParameters"]);
      expect(role.find((s) => actions(s).includes("kms:Decrypt"))).toMatchObject({ Effect: "Allow", Resource: "*" });
    });

    it("the security groups: nginx_sg lets 80 in from the VPC, http_sg from anywhere, both let everything out", async () => {
      const { SecurityGroups } = await ec2.send(
        new DescribeSecurityGroupsCommand({
          GroupIds: [id("aws_security_group.nginx_sg"), id("aws_security_group.http_sg")],
        }),
      );
      const byName = new Map(SecurityGroups?.map((g) => [g.GroupName, g]));
      for (const [name, source] of [
        ["nginx-sg", "10.0.0.0/16"],
        ["http-sg", "0.0.0.0/0"],
      ]) {
        const group = byName.get(name);
        expect(group?.VpcId).toBe(id("aws_vpc.example"));
        expect(group?.IpPermissions).toEqual([
          expect.objectContaining({
            IpProtocol: "tcp",
            FromPort: 80,
            ToPort: 80,
            IpRanges: [expect.objectContaining({ CidrIp: source })],
          }),
        ]);
        expect(group?.IpPermissionsEgress).toEqual([
          expect.objectContaining({ IpProtocol: "-1", IpRanges: [expect.objectContaining({ CidrIp: "0.0.0.0/0" })] }),
        ]);
      }
    });

    it("the load balancer and its target group: ip targets on HTTP 80 with the book's health check", async () => {
      const { LoadBalancers } = await elbv2.send(new DescribeLoadBalancersCommand({ Names: ["example"] }));
      // moto returns no Scheme; internal = false is asserted on what Terraform sends (unit tests).
      expect(LoadBalancers?.[0]).toMatchObject({ Type: "application", VpcId: id("aws_vpc.example") });
      expect(LoadBalancers?.[0]?.AvailabilityZones?.map((z) => z.SubnetId).sort()).toEqual(
        [id("aws_subnet.public_0"), id("aws_subnet.public_1")].sort(),
      );
      const { TargetGroups } = await elbv2.send(new DescribeTargetGroupsCommand({ Names: ["example"] }));
      expect(TargetGroups?.[0]).toMatchObject({
        TargetType: "ip",
        Protocol: "HTTP",
        Port: 80,
        VpcId: id("aws_vpc.example"),
        HealthCheckPath: "/",
        HealthCheckPort: "traffic-port",
        HealthyThresholdCount: 5,
        UnhealthyThresholdCount: 2,
        HealthCheckTimeoutSeconds: 5,
        HealthCheckIntervalSeconds: 30,
        Matcher: { HttpCode: "200" },
        LoadBalancerArns: [LoadBalancers?.[0]?.LoadBalancerArn],
      });
      const { Attributes } = await elbv2.send(
        new DescribeTargetGroupAttributesCommand({ TargetGroupArn: TargetGroups?.[0]?.TargetGroupArn }),
      );
      expect(Attributes).toContainEqual({ Key: "deregistration_delay.timeout_seconds", Value: "300" });
    });

    it("the subnets: public 10.0.1.0/24 and 10.0.2.0/24, private 10.0.65.0/24 and 10.0.66.0/24, in 1a and 1c", async () => {
      const { Subnets } = await ec2.send(
        new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [id("aws_vpc.example")] }] }),
      );
      const described = (Subnets ?? []).map((s) => [s.CidrBlock, s.AvailabilityZone, s.MapPublicIpOnLaunch]);
      expect(described.sort()).toEqual([
        ["10.0.1.0/24", "ap-northeast-1a", true],
        ["10.0.2.0/24", "ap-northeast-1c", true],
        ["10.0.65.0/24", "ap-northeast-1a", false],
        ["10.0.66.0/24", "ap-northeast-1c", false],
      ]);
    });

    it.each([0, 1])("private subnet %i routes to the internet through the NAT gateway in its own AZ", async (i) => {
      const { RouteTables } = await ec2.send(
        new DescribeRouteTablesCommand({
          Filters: [{ Name: "association.subnet-id", Values: [id(`aws_subnet.private_${i}`)] }],
        }),
      );
      expect(RouteTables).toHaveLength(1);
      const defaultRoute = RouteTables?.[0]?.Routes?.find((r) => r.DestinationCidrBlock === "0.0.0.0/0");
      expect(defaultRoute?.NatGatewayId).toBe(id(`aws_nat_gateway.nat_gateway_${i}`));
      const { NatGateways } = await ec2.send(
        new DescribeNatGatewaysCommand({ NatGatewayIds: [defaultRoute?.NatGatewayId ?? ""] }),
      );
      expect(NatGateways?.[0]?.SubnetId).toBe(id(`aws_subnet.public_${i}`));
    });
  });

  it("6. plans no changes right after apply", () => {
    expect(tf(["plan", "-input=false", "-detailed-exitcode"], [0, 2]).status).toBe(0);
  });

  describe("7. locking: one operation at a time on the state", () => {
    const planNoWait = () => tf(["plan", "-input=false", "-lock-timeout=0s", "-detailed-exitcode"], [0, 1, 2]);

    it("refuses a plan while another holds the lock, naming the holder; proceeds once it is released", async () => {
      await remote.writeLock({
        ID: "7f1c2a3b-0000-4000-8000-000000000001",
        Operation: "OperationTypeApply",
        Info: "",
        Who: "alice@ci-runner-7",
        Version: "1.11.4",
        Created: new Date().toISOString(),
        Path: `${BUCKET}/${KEY}`,
      });
      const blocked = planNoWait();
      expect(blocked.status).toBe(1);
      expect(blocked.stderr).toContain("Error acquiring the state lock");
      expect(blocked.stderr).toMatch(/Who: +alice@ci-runner-7/);
      expect(blocked.stderr).toMatch(/ID: +7f1c2a3b-0000-4000-8000-000000000001/);
      expect(blocked.stderr).toMatch(/Operation: +OperationTypeApply/);

      await remote.removeLock();
      expect(planNoWait().status).toBe(0);
    });

    describe("an apply killed outright (SIGKILL)", () => {
      let held: LockInfo | undefined;

      beforeAll(async () => {
        const apply = spawnTerraform(dir, ["apply", "-input=false", "-auto-approve", "-no-color"], env);
        const deadline = Date.now() + 60_000;
        while ((held = await remote.lock()) === undefined && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 100));
        }
        apply.child.kill("SIGKILL");
        expect(await apply.exited).toMatchObject({ signal: "SIGKILL" });
      });

      it("leaves its lock behind, which the next run reports with its holder", () => {
        expect(held).toMatchObject({ Operation: "OperationTypeApply", Path: `${BUCKET}/${KEY}` });
        const blocked = planNoWait();
        expect(blocked.status).toBe(1);
        expect(blocked.stderr).toContain("Error acquiring the state lock");
        expect(blocked.stderr).toContain(`ID:        ${held?.ID}`);
        expect(blocked.stderr).toContain(`Who:       ${held?.Who}`);
      });

      it("is released by terraform force-unlock, as the README says; the state is intact", async () => {
        expect(tf(["force-unlock", "-force", held?.ID ?? ""]).stdout).toContain(
          "Terraform state has been successfully unlocked!",
        );
        expect(await remote.lock()).toBeUndefined();
        expect(planNoWait().status).toBe(0);
      });
    });
  });

  describe("8. the state's versions", () => {
    it("keep every write: after the applies, the bucket holds earlier versions of the state object", async () => {
      const versions = await remote.versions();
      expect(versions.length).toBeGreaterThanOrEqual(2);
      expect(versions[0]?.isLatest).toBe(true);
    });

    it("can be restored: an earlier version copied onto the key becomes the state Terraform reads", async () => {
      const [latest, earlier] = await remote.versions();
      const current = await remote.state(latest?.versionId);
      const older = await remote.state(earlier?.versionId);
      expect(older?.serial).toBeLessThan(current?.serial ?? 0);

      await remote.restore(earlier?.versionId ?? "");
      const pulled = JSON.parse(tf(["state", "pull"]).stdout) as { serial: number; lineage: string };
      expect(pulled).toMatchObject({ serial: older?.serial, lineage: current?.lineage });

      // Back to the newest, for the destroy that follows (a restore is itself a new version).
      await remote.restore(latest?.versionId ?? "");
      expect(JSON.parse(tf(["state", "pull"]).stdout).serial).toBe(current?.serial);
      expect(tf(["plan", "-input=false", "-detailed-exitcode"], [0, 2]).status).toBe(0);
    });
  });

  it("9. destroys, and the endpoint then holds none of the stack's resources", async () => {
    // Bounded: a destroy that cannot finish fails within 4 minutes, naming what remains.
    await destroyWithin(dir, env, 240_000, async () => {
      const tagged = await findTagged(DEV_STACK, {
        region: "ap-northeast-1",
        endpoint: emulator.url,
        client: emulator.client,
      });
      return tagged.map((t) => t.arn);
    });
    expect(readState().size).toBe(0);
    // Nothing with the stack's tag is left: no orphan survived the run.
    const tagged = await findTagged(DEV_STACK, {
      region: "ap-northeast-1",
      endpoint: emulator.url,
      client: emulator.client,
    });
    // (skip_destroy keeps the task definition's revisions registered, on purpose: see below.)
    expect(tagged.map((t) => t.arn).filter((arn) => !arn.includes(":task-definition/"))).toEqual([]);

    // A deleted cluster stays visible as INACTIVE for a while, in AWS as in moto.
    const { clusters } = await ecs.send(new DescribeClustersCommand({ clusters: ["example"] }));
    expect(clusters?.filter((c) => c.status !== "INACTIVE")).toEqual([]);
    // skip_destroy: a destroy leaves the task definition's revision registered, as a replacement does
    // (a revision holds no resource and costs nothing; the README says how to deregister it).
    const { taskDefinitionArns } = await ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: "example", status: "ACTIVE" }),
    );
    expect(taskDefinitionArns?.map((arn) => arn.split("/").pop())).toEqual(["example:1"]);

    const { LoadBalancers } = await elbv2.send(new DescribeLoadBalancersCommand({}));
    expect(LoadBalancers ?? []).toEqual([]);
    const { TargetGroups } = await elbv2.send(new DescribeTargetGroupsCommand({}));
    expect(TargetGroups ?? []).toEqual([]);

    const vpcId = id("aws_vpc.example");
    const { Vpcs } = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }));
    expect(Vpcs).toEqual([]);
    const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: "vpc-id", Values: [vpcId] }] }));
    expect(Subnets).toEqual([]);
    const { SecurityGroups } = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-name", Values: ["nginx-sg", "http-sg"] }] }),
    );
    expect(SecurityGroups).toEqual([]);
    const { InternetGateways } = await ec2.send(
      new DescribeInternetGatewaysCommand({
        Filters: [{ Name: "internet-gateway-id", Values: [id("aws_internet_gateway.example")] }],
      }),
    );
    expect(InternetGateways).toEqual([]);
    const { Addresses } = await ec2.send(new DescribeAddressesCommand({}));
    expect(Addresses).toEqual([]);
    const { NatGateways } = await ec2.send(
      new DescribeNatGatewaysCommand({ Filter: [{ Name: "state", Values: ["pending", "available"] }] }),
    );
    expect(NatGateways).toEqual([]);

    const { logGroups } = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/ecs/example" }));
    expect(logGroups).toEqual([]);
    await expect(iam.send(new GetRoleCommand({ RoleName: "ecs-task-execution" }))).rejects.toHaveProperty(
      "name",
      expect.stringMatching(/^NoSuchEntity/),
    );
    const { Policies } = await iam.send(new ListPoliciesCommand({ Scope: "Local" }));
    expect(Policies).toEqual([]);
  });
});
