import { Fn } from "cdktf";
import { Network, NetworkFlowLogs, NetworkProps } from "../../constructs/network";
import { addresses, dataSource, resolved, resource, synthJson, testStack, validationErrors } from "../helpers/synth";

function build(overrides: Partial<NetworkProps> = {}) {
  const stack = testStack();
  const network = new Network(stack, "network", {
    name: "example",
    region: "ap-northeast-1",
    availabilityZones: ["ap-northeast-1a", "ap-northeast-1c"],
    ...overrides,
  });
  return { stack, network, json: synthJson(stack) };
}

const FLOW_LOGS = { logGroupName: "/vpc/example/flow-logs", roleName: "vpc-flow-logs", retentionInDays: 365 };
const KEY_ARN = "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** The resources as Terraform gets them, without CDKTF's metadata. */
function terraformResources(json: { resource: Record<string, Record<string, any>> }) {
  return JSON.parse(JSON.stringify(json.resource, (key, value: unknown) => (key === "//" ? undefined : value)));
}

/** What the construct synthesized before the hardening settings existed. */
const BOOK_JSON = {
  aws_eip: {
    nat_gateway_0: { depends_on: ["aws_internet_gateway.example"], domain: "vpc" },
    nat_gateway_1: { depends_on: ["aws_internet_gateway.example"], domain: "vpc" },
  },
  aws_internet_gateway: { example: { vpc_id: "${aws_vpc.example.id}" } },
  aws_nat_gateway: {
    nat_gateway_0: {
      allocation_id: "${aws_eip.nat_gateway_0.id}",
      depends_on: ["aws_internet_gateway.example"],
      subnet_id: "${aws_subnet.public_0.id}",
    },
    nat_gateway_1: {
      allocation_id: "${aws_eip.nat_gateway_1.id}",
      depends_on: ["aws_internet_gateway.example"],
      subnet_id: "${aws_subnet.public_1.id}",
    },
  },
  aws_route: {
    private_0: {
      destination_cidr_block: "0.0.0.0/0",
      nat_gateway_id: "${aws_nat_gateway.nat_gateway_0.id}",
      route_table_id: "${aws_route_table.private_0.id}",
    },
    private_1: {
      destination_cidr_block: "0.0.0.0/0",
      nat_gateway_id: "${aws_nat_gateway.nat_gateway_1.id}",
      route_table_id: "${aws_route_table.private_1.id}",
    },
    public: {
      destination_cidr_block: "0.0.0.0/0",
      gateway_id: "${aws_internet_gateway.example.id}",
      route_table_id: "${aws_route_table.public.id}",
    },
  },
  aws_route_table: {
    private_0: { vpc_id: "${aws_vpc.example.id}" },
    private_1: { vpc_id: "${aws_vpc.example.id}" },
    public: { vpc_id: "${aws_vpc.example.id}" },
  },
  aws_route_table_association: {
    private_0: { route_table_id: "${aws_route_table.private_0.id}", subnet_id: "${aws_subnet.private_0.id}" },
    private_1: { route_table_id: "${aws_route_table.private_1.id}", subnet_id: "${aws_subnet.private_1.id}" },
    public_0: { route_table_id: "${aws_route_table.public.id}", subnet_id: "${aws_subnet.public_0.id}" },
    public_1: { route_table_id: "${aws_route_table.public.id}", subnet_id: "${aws_subnet.public_1.id}" },
  },
  aws_subnet: {
    private_0: {
      availability_zone: "ap-northeast-1a",
      cidr_block: "10.0.65.0/24",
      map_public_ip_on_launch: false,
      tags: { Name: "example-private-0" },
      vpc_id: "${aws_vpc.example.id}",
    },
    private_1: {
      availability_zone: "ap-northeast-1c",
      cidr_block: "10.0.66.0/24",
      map_public_ip_on_launch: false,
      tags: { Name: "example-private-1" },
      vpc_id: "${aws_vpc.example.id}",
    },
    public_0: {
      availability_zone: "ap-northeast-1a",
      cidr_block: "10.0.1.0/24",
      map_public_ip_on_launch: true,
      tags: { Name: "example-public-0" },
      vpc_id: "${aws_vpc.example.id}",
    },
    public_1: {
      availability_zone: "ap-northeast-1c",
      cidr_block: "10.0.2.0/24",
      map_public_ip_on_launch: true,
      tags: { Name: "example-public-1" },
      vpc_id: "${aws_vpc.example.id}",
    },
  },
  aws_vpc: {
    example: {
      cidr_block: "10.0.0.0/16",
      enable_dns_hostnames: true,
      enable_dns_support: true,
      tags: { Name: "example" },
    },
  },
};

describe("Network", () => {
  describe("defaults", () => {
    it("has the book's addresses", () => {
      expect(addresses(build().json)).toEqual([
        "aws_eip.nat_gateway_0",
        "aws_eip.nat_gateway_1",
        "aws_internet_gateway.example",
        "aws_nat_gateway.nat_gateway_0",
        "aws_nat_gateway.nat_gateway_1",
        "aws_route.private_0",
        "aws_route.private_1",
        "aws_route.public",
        "aws_route_table.private_0",
        "aws_route_table.private_1",
        "aws_route_table.public",
        "aws_route_table_association.private_0",
        "aws_route_table_association.private_1",
        "aws_route_table_association.public_0",
        "aws_route_table_association.public_1",
        "aws_subnet.private_0",
        "aws_subnet.private_1",
        "aws_subnet.public_0",
        "aws_subnet.public_1",
        "aws_vpc.example",
      ]);
    });

    it("synthesizes exactly what it did before the hardening settings existed", () => {
      expect(terraformResources(build().json)).toEqual(BOOK_JSON);
    });

    it("creates a 10.0.0.0/16 VPC with DNS support and hostnames", () => {
      expect(resource(build().json, "aws_vpc", "example")).toMatchObject({
        cidr_block: "10.0.0.0/16",
        enable_dns_support: true,
        enable_dns_hostnames: true,
      });
    });

    it.each([
      ["public_0", "10.0.1.0/24", "ap-northeast-1a", true],
      ["public_1", "10.0.2.0/24", "ap-northeast-1c", true],
      ["private_0", "10.0.65.0/24", "ap-northeast-1a", false],
      ["private_1", "10.0.66.0/24", "ap-northeast-1c", false],
    ])("creates subnet %s as %s in %s (public IPs on launch: %s)", (name, cidr, zone, mapPublicIp) => {
      expect(resource(build().json, "aws_subnet", name)).toMatchObject({
        vpc_id: "${aws_vpc.example.id}",
        cidr_block: cidr,
        availability_zone: zone,
        map_public_ip_on_launch: mapPublicIp,
      });
    });

    it("routes the public subnets to the internet gateway", () => {
      const { json } = build();
      expect(resource(json, "aws_internet_gateway", "example")).toMatchObject({ vpc_id: "${aws_vpc.example.id}" });
      expect(resource(json, "aws_route", "public")).toMatchObject({
        route_table_id: "${aws_route_table.public.id}",
        gateway_id: "${aws_internet_gateway.example.id}",
        destination_cidr_block: "0.0.0.0/0",
      });
      for (const i of [0, 1]) {
        expect(resource(json, "aws_route_table_association", `public_${i}`)).toMatchObject({
          subnet_id: `\${aws_subnet.public_${i}.id}`,
          route_table_id: "${aws_route_table.public.id}",
        });
      }
    });

    it.each([0, 1])("gives AZ %i a NAT gateway with an EIP in its public subnet, after the internet gateway", (i) => {
      const { json } = build();
      expect(resource(json, "aws_eip", `nat_gateway_${i}`)).toMatchObject({
        domain: "vpc",
        depends_on: ["aws_internet_gateway.example"],
      });
      expect(resource(json, "aws_nat_gateway", `nat_gateway_${i}`)).toMatchObject({
        allocation_id: `\${aws_eip.nat_gateway_${i}.id}`,
        subnet_id: `\${aws_subnet.public_${i}.id}`,
        depends_on: ["aws_internet_gateway.example"],
      });
    });

    it.each([0, 1])("routes private subnet %i through its own AZ's NAT gateway", (i) => {
      const { json } = build();
      expect(resource(json, "aws_route_table", `private_${i}`)).toMatchObject({ vpc_id: "${aws_vpc.example.id}" });
      expect(resource(json, "aws_route", `private_${i}`)).toMatchObject({
        route_table_id: `\${aws_route_table.private_${i}.id}`,
        nat_gateway_id: `\${aws_nat_gateway.nat_gateway_${i}.id}`,
        destination_cidr_block: "0.0.0.0/0",
      });
      expect(resource(json, "aws_route_table_association", `private_${i}`)).toMatchObject({
        subnet_id: `\${aws_subnet.private_${i}.id}`,
        route_table_id: `\${aws_route_table.private_${i}.id}`,
      });
    });

    it("exposes the VPC and subnet ids", () => {
      const { stack, network } = build();
      expect(resolved(stack, network.vpcId)).toBe("${aws_vpc.example.id}");
      expect(resolved(stack, network.privateSubnetIds)).toEqual([
        "${aws_subnet.private_0.id}",
        "${aws_subnet.private_1.id}",
      ]);
      expect(resolved(stack, network.publicSubnetIds)).toEqual([
        "${aws_subnet.public_0.id}",
        "${aws_subnet.public_1.id}",
      ]);
    });

    it("accepts valid input", () => {
      expect(validationErrors(build().stack)).toEqual([]);
    });
  });

  describe("overrides", () => {
    it("takes other CIDRs and zones", () => {
      const { json, stack } = build({
        region: "us-east-1",
        availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
        cidrBlock: "172.16.0.0/16",
        publicSubnetCidrs: ["172.16.0.0/24", "172.16.1.0/24", "172.16.2.0/24"],
        privateSubnetCidrs: ["172.16.10.0/24", "172.16.11.0/24", "172.16.12.0/24"],
      });
      expect(validationErrors(stack)).toEqual([]);
      expect(resource(json, "aws_subnet", "private_2")).toMatchObject({
        cidr_block: "172.16.12.0/24",
        availability_zone: "us-east-1c",
      });
      expect(resource(json, "aws_route", "private_2")).toMatchObject({
        nat_gateway_id: "${aws_nat_gateway.nat_gateway_2.id}",
      });
    });
  });

  describe("hardening", () => {
    it("stops giving public IPs in the public subnets", () => {
      const { json } = build({ mapPublicIpOnLaunch: false });
      for (const subnet of ["public_0", "public_1", "private_0", "private_1"]) {
        expect(resource(json, "aws_subnet", subnet).map_public_ip_on_launch).toBe(false);
      }
    });

    it("takes the VPC's default security group with no rules", () => {
      const { json } = build({ restrictDefaultSecurityGroup: true });
      expect(resource(json, "aws_default_security_group", "example")).toEqual(
        expect.objectContaining({ vpc_id: "${aws_vpc.example.id}" }),
      );
      expect(resource(json, "aws_default_security_group", "example")).not.toHaveProperty("ingress");
      expect(resource(json, "aws_default_security_group", "example")).not.toHaveProperty("egress");
    });

    describe("flow logs", () => {
      it("adds the flow log, its log group and the flow_log_role module", () => {
        const { json } = build({ flowLogs: FLOW_LOGS });
        expect(addresses(json).filter((a) => /flow_log|default_security_group/.test(a))).toEqual([
          "aws_cloudwatch_log_group.flow_log",
          "aws_flow_log.example",
          "aws_iam_policy.flow_log_role",
          "aws_iam_role.flow_log_role",
          "aws_iam_role_policy_attachment.flow_log_role",
          "data.aws_iam_policy_document.flow_log",
          "data.aws_iam_policy_document.flow_log_role_assume_role",
        ]);
      });

      it("records all of the VPC's traffic to the log group with the role", () => {
        expect(resource(build({ flowLogs: FLOW_LOGS }).json, "aws_flow_log", "example")).toMatchObject({
          vpc_id: "${aws_vpc.example.id}",
          traffic_type: "ALL",
          log_destination_type: "cloud-watch-logs",
          log_destination: "${aws_cloudwatch_log_group.flow_log.arn}",
          iam_role_arn: "${aws_iam_role.flow_log_role.arn}",
        });
      });

      it("creates the flow log only once its role's policy is attached: AWS checks the role's permissions at create", () => {
        expect(resource(build({ flowLogs: FLOW_LOGS }).json, "aws_flow_log", "example").depends_on).toEqual([
          "aws_iam_role_policy_attachment.flow_log_role",
        ]);
      });

      it("keeps the logs for the given days, without a KMS key unless given one", () => {
        const { json } = build({ flowLogs: FLOW_LOGS });
        expect(resource(json, "aws_cloudwatch_log_group", "flow_log")).toEqual(
          expect.objectContaining({ name: "/vpc/example/flow-logs", retention_in_days: 365 }),
        );
        expect(resource(json, "aws_cloudwatch_log_group", "flow_log")).not.toHaveProperty("kms_key_id");
        const encrypted = build({ flowLogs: { ...FLOW_LOGS, kmsKeyArn: KEY_ARN } }).json;
        expect(resource(encrypted, "aws_cloudwatch_log_group", "flow_log").kms_key_id).toBe(KEY_ARN);
      });

      it("lets only the flow logs service assume the role, named from settings", () => {
        const { json } = build({ flowLogs: FLOW_LOGS });
        expect(resource(json, "aws_iam_role", "flow_log_role").name).toBe("vpc-flow-logs");
        expect(dataSource(json, "aws_iam_policy_document", "flow_log_role_assume_role").statement).toEqual([
          expect.objectContaining({
            principals: [{ type: "Service", identifiers: ["vpc-flow-logs.amazonaws.com"] }],
          }),
        ]);
      });

      it("scopes the role's policy to the flow logs' log group", () => {
        const { json } = build({ flowLogs: FLOW_LOGS });
        expect(dataSource(json, "aws_iam_policy_document", "flow_log").statement).toEqual([
          {
            effect: "Allow",
            actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
            resources: [
              "${aws_cloudwatch_log_group.flow_log.arn}",
              "${aws_cloudwatch_log_group.flow_log.arn}:log-stream:*",
            ],
          },
        ]);
        expect(resource(json, "aws_iam_policy", "flow_log_role").policy).toBe(
          "${data.aws_iam_policy_document.flow_log.json}",
        );
      });

      it("records only rejected traffic when told to", () => {
        const { json } = build({ flowLogs: { ...FLOW_LOGS, trafficType: "REJECT" } });
        expect(resource(json, "aws_flow_log", "example").traffic_type).toBe("REJECT");
      });

      it("exposes the log group's ARN", () => {
        const { stack, network } = build({ flowLogs: FLOW_LOGS });
        expect(resolved(stack, network.flowLogGroupArn)).toBe("${aws_cloudwatch_log_group.flow_log.arn}");
        expect(build().network.flowLogGroupArn).toBeUndefined();
      });

      it("accepts valid input", () => {
        expect(validationErrors(build({ flowLogs: { ...FLOW_LOGS, kmsKeyArn: KEY_ARN } }).stack)).toEqual([]);
      });

      it("takes its own addresses in a second network", () => {
        const stack = testStack();
        const zones = { region: "ap-northeast-1", availabilityZones: ["ap-northeast-1a", "ap-northeast-1c"] };
        new Network(stack, "network", { name: "example", ...zones });
        new Network(stack, "shared", {
          name: "shared",
          ...zones,
          cidrBlock: "10.9.0.0/16",
          publicSubnetCidrs: ["10.9.1.0/24", "10.9.2.0/24"],
          privateSubnetCidrs: ["10.9.65.0/24", "10.9.66.0/24"],
          restrictDefaultSecurityGroup: true,
          flowLogs: { ...FLOW_LOGS, logGroupName: "/vpc/shared/flow-logs", roleName: "shared-flow-logs" },
        });
        expect(addresses(synthJson(stack))).toEqual(
          expect.arrayContaining([
            "aws_default_security_group.shared",
            "aws_flow_log.shared",
            "aws_cloudwatch_log_group.shared_flow_log",
            "aws_iam_role.shared_flow_log_role",
          ]),
        );
      });
    });
  });

  describe("validation", () => {
    it.each<[string, Partial<NetworkProps>, string[]]>([
      [
        "a VPC CIDR that does not parse",
        { cidrBlock: "10.0.0.0/33" },
        [
          'test/network: `cidrBlock` must be an IPv4 CIDR block such as 10.0.0.0/16, with no host bits set, got: "10.0.0.0/33"',
        ],
      ],
      [
        "a subnet outside the VPC",
        { publicSubnetCidrs: ["10.0.1.0/24", "10.1.2.0/24"] },
        ['test/network: `publicSubnetCidrs[1]` must lie inside the VPC\'s CIDR block 10.0.0.0/16, got: "10.1.2.0/24"'],
      ],
      [
        "overlapping subnets",
        { privateSubnetCidrs: ["10.0.65.0/24", "10.0.1.128/25"] },
        [
          'test/network: `privateSubnetCidrs[1]` must not overlap publicSubnetCidrs[0] (10.0.1.0/24), got: "10.0.1.128/25"',
        ],
      ],
      [
        "a zone of another region",
        { availabilityZones: ["ap-northeast-1a", "us-east-1c"] },
        [
          'test/network: `availabilityZones[1]` must be an availability zone of the region ap-northeast-1, got: "us-east-1c"',
        ],
      ],
      [
        "a single zone",
        {
          availabilityZones: ["ap-northeast-1a"],
          publicSubnetCidrs: ["10.0.1.0/24"],
          privateSubnetCidrs: ["10.0.65.0/24"],
        },
        [
          'test/network: `availabilityZones` must list at least two zones (an application load balancer needs two), got: ["ap-northeast-1a"]',
        ],
      ],
      [
        "fewer subnets than zones",
        { privateSubnetCidrs: ["10.0.65.0/24"] },
        [
          'test/network: `privateSubnetCidrs` must have one CIDR block per availability zone (2), got: ["10.0.65.0/24"]',
        ],
      ],
    ])("rejects %s", (_, overrides, messages) => {
      expect(validationErrors(build(overrides).stack)).toEqual(messages);
    });

    it.each<[string, Partial<NetworkFlowLogs>, string]>([
      [
        "a flow log group name with a space",
        { logGroupName: "/vpc/flow logs" },
        'test/network/flow_log_group: `name` must be 1 to 512 characters of letters, digits and ._-/#, got: "/vpc/flow logs"',
      ],
      [
        "a retention CloudWatch does not offer",
        { retentionInDays: 100 },
        "test/network/flow_log_group: `retentionInDays` must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got: 100",
      ],
      [
        "a KMS alias instead of a key ARN",
        { kmsKeyArn: "alias/example" },
        'test/network/flow_log_group: `kmsKeyArn` must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>), not an alias or a key id, got: "alias/example"',
      ],
      [
        "a traffic type of another case",
        { trafficType: "all" as "ALL" },
        'test/network: `flowLogs.trafficType` must be one of ACCEPT, REJECT, ALL, got: "all"',
      ],
      [
        "a role name IAM rejects",
        { roleName: "vpc flow logs" },
        'test/network/flow_log_role: `name` must be 1 to 64 characters of letters, digits and +=,.@_-, got: "vpc flow logs"',
      ],
    ])("rejects flow logs with %s", (_, flowLogs, message) => {
      expect(validationErrors(build({ flowLogs: { ...FLOW_LOGS, ...flowLogs } }).stack)).toEqual([message]);
    });

    it("skips CIDRs and zones that are only known at apply time", () => {
      const { stack } = build({
        availabilityZones: [Fn.element(Fn.tolist(["x"]), 0), "ap-northeast-1c"],
        privateSubnetCidrs: [Fn.cidrsubnet("10.0.0.0/16", 8, 65), "10.0.66.0/24"],
      });
      expect(validationErrors(stack)).toEqual([]);
    });

    it("reports every problem at once", () => {
      const { stack } = build({ cidrBlock: "10.0.0.0/33", availabilityZones: ["ap-northeast-1a", "eu-west-1a"] });
      expect(validationErrors(stack)).toHaveLength(2);
    });
  });
});
