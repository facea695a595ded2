import { Fn } from "cdktf";
import { Network, NetworkProps } from "../../constructs/network";
import { addresses, resolved, resource, synthJson, testStack, validationErrors } from "../helpers/synth";

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
