import { fromArn } from "../../recover/discover";
import { exitCode, parseArguments, report } from "../../recover/recover";
import { ConfiguredResources, importBlocks, planRecovery, stateResources, Tagged } from "../../recover/orphans";

const TAG = { ManagedBy: "cdktf:ecs-fargate-dev" };
const ACCOUNT = "arn:aws:ec2:ap-northeast-1:123456789012";

/** A tagged EC2 resource as discover.ts reads it. */
function ec2(kind: string, id: string, attributes: Record<string, string | undefined>, tags = {}): Tagged {
  const arn = `${ACCOUNT}:${kind}/${id}`;
  return { ...fromArn(arn), arn, attributes: { ...fromArn(arn).attributes, ...attributes }, tags: { ...TAG, ...tags } };
}

/** The note's network, as cdk.tf.json holds it: references between resources are `${type.name.attr}`. */
const CONFIGURED: ConfiguredResources = {
  aws_vpc: { example: { cidr_block: "10.0.0.0/16", tags: { Name: "example" } } },
  aws_subnet: {
    public_0: { cidr_block: "10.0.1.0/24", vpc_id: "${aws_vpc.example.id}" },
    private_1: { cidr_block: "10.0.66.0/24", vpc_id: "${aws_vpc.example.id}" },
  },
  aws_eip: {
    nat_gateway_0: { domain: "vpc", tags: { Name: "example-nat-0" } },
    nat_gateway_1: { domain: "vpc", tags: { Name: "example-nat-1" } },
  },
  aws_internet_gateway: { example: { vpc_id: "${aws_vpc.example.id}", tags: { Name: "example" } } },
  aws_lb: { example: { name: "example" } },
  aws_route: { public: { route_table_id: "${aws_route_table.public.id}" } },
};

const state = (entries: Record<string, Record<string, unknown>>) => new Map(Object.entries(entries));
const VPC_IN_STATE = state({ "aws_vpc.example": { id: "vpc-1", arn: `${ACCOUNT}:vpc/vpc-1` } });
const subnet = (id: string, cidr: string, vpc = "vpc-1") => ec2("subnet", id, { cidr_block: cidr, vpc_id: vpc });

describe("planRecovery", () => {
  it("maps an orphan subnet to the address with its CIDR in the state's VPC, importing it by its id", () => {
    const recovery = planRecovery(CONFIGURED, VPC_IN_STATE, [subnet("subnet-9", "10.0.66.0/24")]);
    expect(recovery.unrecovered).toEqual([]);
    expect(importBlocks(recovery.imports)).toEqual({ import: [{ to: "aws_subnet.private_1", id: "subnet-9" }] });
  });

  it("ignores what the state holds, by id or ARN: nothing to recover", () => {
    const held = state({
      "aws_vpc.example": { id: "vpc-1" },
      "aws_lb.example": { id: "arn:aws:elasticloadbalancing:ap-northeast-1:1:loadbalancer/app/example/abc" },
    });
    const lb = "arn:aws:elasticloadbalancing:ap-northeast-1:1:loadbalancer/app/example/abc";
    const tagged = [
      ec2("vpc", "vpc-1", { cidr_block: "10.0.0.0/16" }, { Name: "example" }),
      { ...fromArn(lb), arn: lb, tags: TAG },
    ];
    expect(planRecovery(CONFIGURED, held, tagged)).toEqual({ imports: [], unrecovered: [] });
  });

  it("maps a VPC first, then the subnets inside it, whose vpc_id only the mapped VPC resolves", () => {
    const recovery = planRecovery(CONFIGURED, new Map(), [
      subnet("subnet-9", "10.0.66.0/24", "vpc-7"),
      ec2("vpc", "vpc-7", { cidr_block: "10.0.0.0/16" }, { Name: "example" }),
    ]);
    expect(recovery.imports.map((i) => [i.address, i.orphan.importId])).toEqual([
      ["aws_subnet.private_1", "subnet-9"],
      ["aws_vpc.example", "vpc-7"],
    ]);
  });

  it("names load balancers by their ARN's name and imports them by ARN", () => {
    const arn = "arn:aws:elasticloadbalancing:ap-northeast-1:1:loadbalancer/app/example/abc";
    const recovery = planRecovery(CONFIGURED, VPC_IN_STATE, [{ ...fromArn(arn), arn, tags: TAG }]);
    expect(importBlocks(recovery.imports)).toEqual({ import: [{ to: "aws_lb.example", id: arn }] });
  });

  it("tells elastic IPs apart by their own tags", () => {
    const eip = (id: string, name: string): Tagged => ({
      type: "aws_eip",
      arn: id,
      importId: id,
      ids: [id],
      attributes: { allocation_id: id },
      tags: { ...TAG, Name: name },
    });
    const recovery = planRecovery(CONFIGURED, VPC_IN_STATE, [eip("eipalloc-1", "example-nat-1")]);
    expect(importBlocks(recovery.imports)).toEqual({ import: [{ to: "aws_eip.nat_gateway_1", id: "eipalloc-1" }] });
  });

  it("takes an internet gateway not yet attached (created, then attached in a second call) by its tags", () => {
    const recovery = planRecovery(CONFIGURED, VPC_IN_STATE, [
      ec2("internet-gateway", "igw-1", { vpc_id: undefined }, { Name: "example" }),
    ]);
    expect(importBlocks(recovery.imports)).toEqual({ import: [{ to: "aws_internet_gateway.example", id: "igw-1" }] });
  });

  describe("leaves alone, and says why", () => {
    it.each<[string, Tagged[], StateEntries, string]>([
      [
        "a subnet whose CIDR no address of the configuration has",
        [subnet("subnet-9", "10.0.99.0/24")],
        VPC_IN_STATE,
        "no aws_subnet of the configuration that the state lacks has its attributes",
      ],
      [
        "a subnet in another VPC than the stack's",
        [subnet("subnet-9", "10.0.66.0/24", "vpc-other")],
        VPC_IN_STATE,
        "no aws_subnet of the configuration that the state lacks has its attributes",
      ],
      [
        "a subnet whose VPC is unknown (neither in the state nor found): it cannot be proven",
        [subnet("subnet-9", "10.0.66.0/24", "vpc-7")],
        new Map(),
        "it could be any of aws_subnet.private_1, or another orphan is the same address",
      ],
      [
        "a resource of a kind recover cannot identify",
        [{ ...fromArn(`${ACCOUNT}:volume/vol-1`), arn: `${ACCOUNT}:volume/vol-1`, tags: TAG }],
        VPC_IN_STATE,
        "recover cannot tell which address a resource of this kind is",
      ],
      [
        "an address the state already holds (a second subnet with the same CIDR cannot exist; here, the same name)",
        [ec2("internet-gateway", "igw-2", { vpc_id: "vpc-1" }, { Name: "example" })],
        state({ "aws_vpc.example": { id: "vpc-1" }, "aws_internet_gateway.example": { id: "igw-1" } }),
        "no aws_internet_gateway of the configuration that the state lacks has its attributes",
      ],
    ])("%s", (_, tagged, known, reason) => {
      const recovery = planRecovery(CONFIGURED, known, tagged);
      expect(recovery.imports).toEqual([]);
      expect(recovery.unrecovered.map((u) => u.reason)).toEqual([reason]);
    });

    it("two orphans that prove the same address: neither is imported", () => {
      const gateway = (id: string) => ec2("internet-gateway", id, { vpc_id: undefined }, { Name: "example" });
      const recovery = planRecovery(CONFIGURED, VPC_IN_STATE, [gateway("igw-1"), gateway("igw-2")]);
      expect(recovery.imports).toEqual([]);
      expect(recovery.unrecovered.map((u) => u.orphan.importId)).toEqual(["igw-1", "igw-2"]);
    });
  });
});

type StateEntries = ReadonlyMap<string, Record<string, unknown>>;

describe("fromArn", () => {
  it.each([
    ["arn:aws:ec2:r:1:subnet/subnet-1", { type: "aws_subnet", importId: "subnet-1" }],
    [
      "arn:aws:elasticloadbalancing:r:1:targetgroup/example/abc",
      { type: "aws_lb_target_group", attributes: { name: "example" } },
    ],
    ["arn:aws:ecs:r:1:cluster/example", { type: "aws_ecs_cluster", importId: "example" }],
    [
      "arn:aws:ecs:r:1:service/example/web",
      { type: "aws_ecs_service", importId: "example/web", attributes: { name: "web", cluster: "example" } },
    ],
    ["arn:aws:logs:r:1:log-group:/ecs/example:*", { type: "aws_cloudwatch_log_group", importId: "/ecs/example" }],
    ["arn:aws:elasticloadbalancing:r:1:listener/app/example/abc/def", { type: undefined }],
  ])("%s", (arn, expected) => {
    expect(fromArn(arn)).toMatchObject(expected);
  });
});

describe("stateResources", () => {
  it("reads the root module's managed resources, tainted ones too, and skips data sources", () => {
    const pulled = {
      resources: [
        { mode: "managed", type: "aws_vpc", name: "example", instances: [{ attributes: { id: "vpc-1" } }] },
        { mode: "managed", type: "aws_subnet", name: "a", instances: [{ status: "tainted", attributes: { id: "s" } }] },
        { mode: "data", type: "aws_iam_policy", name: "p", instances: [{ attributes: { id: "x" } }] },
        { mode: "managed", type: "aws_vpc", name: "m", module: "module.x", instances: [{ attributes: {} }] },
      ],
    };
    expect([...stateResources(pulled).keys()]).toEqual(["aws_vpc.example", "aws_subnet.a"]);
  });
});

describe("the command", () => {
  it.each<[string[], string]>([
    [
      [],
      "recover: name exactly one stack, got 0; usage: npm run recover -- <stack> [--out <synthesized output folder>]",
    ],
    [
      ["a", "b"],
      "recover: name exactly one stack, got 2; usage: npm run recover -- <stack> [--out <synthesized output folder>]",
    ],
    [
      ["a", "--force"],
      "recover: unknown option --force; usage: npm run recover -- <stack> [--out <synthesized output folder>]",
    ],
    [
      ["a", "--out"],
      "recover: --out needs a folder; usage: npm run recover -- <stack> [--out <synthesized output folder>]",
    ],
  ])("refuses %j", (args, message) => {
    expect(() => parseArguments(args)).toThrow(message);
  });

  it("takes a stack and an output folder", () => {
    expect(parseArguments(["ecs-fargate-dev", "--out", "cdktf.out"])).toEqual({
      stack: "ecs-fargate-dev",
      out: "cdktf.out",
    });
  });

  it("exits 0 with nothing to recover, 2 when every orphan is mapped, 3 when one is left alone", () => {
    const mapped = planRecovery(CONFIGURED, VPC_IN_STATE, [subnet("subnet-9", "10.0.66.0/24")]);
    const left = planRecovery(CONFIGURED, VPC_IN_STATE, [
      subnet("subnet-9", "10.0.66.0/24"),
      subnet("subnet-8", "10.0.99.0/24"),
    ]);
    expect([exitCode({ imports: [], unrecovered: [] }), exitCode(mapped), exitCode(left)]).toEqual([0, 2, 3]);
  });

  it("reports each orphan: what it is and what becomes of it", () => {
    const recovery = planRecovery(CONFIGURED, VPC_IN_STATE, [
      subnet("subnet-9", "10.0.66.0/24"),
      subnet("subnet-8", "10.0.99.0/24"),
    ]);
    expect(
      report("ecs-fargate-dev", 36, 38, recovery, "cdktf.out/stacks/ecs-fargate-dev/recover-imports.tf.json"),
    ).toBe(
      [
        "ecs-fargate-dev: 38 resource(s) in AWS carry ManagedBy = cdktf:ecs-fargate-dev; the state holds 36 resource(s)",
        "  orphan subnet-9 (cidr_block=10.0.66.0/24, vpc_id=vpc-1) is aws_subnet.private_1: import",
        "  orphan subnet-8 (cidr_block=10.0.99.0/24, vpc_id=vpc-1) (aws_subnet) left alone: no aws_subnet of the configuration that the state lacks has its attributes",
        "wrote 1 import block(s) to cdktf.out/stacks/ecs-fargate-dev/recover-imports.tf.json: review them with `npm run plan -- ecs-fargate-dev`; the next apply imports them instead of creating them again",
        "resources left alone carry the stack's tag but no address can be proven for them: import them by hand (terraform import) or delete them, before the next apply",
        "",
      ].join("\n"),
    );
    expect(report("ecs-fargate-dev", 37, 37, { imports: [], unrecovered: [] }, "x")).toBe(
      "ecs-fargate-dev: 37 resource(s) in AWS carry ManagedBy = cdktf:ecs-fargate-dev; the state holds 37 resource(s)\n" +
        "nothing to recover: the state holds every resource with the stack's tag\n",
    );
  });
});
