import { Fn } from "cdktf";
import { SecurityGroupModule, SecurityGroupModuleProps } from "../../constructs/security-group";
import { addresses, resolved, resource, synthJson, testStack, validationErrors } from "../helpers/synth";

function build(overrides: Partial<SecurityGroupModuleProps> = {}) {
  const stack = testStack();
  const module = new SecurityGroupModule(stack, "nginx_sg", {
    name: "nginx-sg",
    vpcId: "vpc-123",
    ingress: { ports: [80], from: { cidrBlocks: ["10.0.0.0/16"] } },
    ...overrides,
  });
  return { stack, module, json: synthJson(stack) };
}

/** The resources as Terraform gets them, without CDKTF's metadata. */
function terraformResources(json: { resource: Record<string, Record<string, any>> }) {
  return JSON.parse(JSON.stringify(json.resource, (key, value: unknown) => (key === "//" ? undefined : value)));
}

describe("SecurityGroupModule", () => {
  describe("defaults", () => {
    it("names its addresses after the module instance", () => {
      expect(addresses(build().json)).toEqual([
        "aws_security_group.nginx_sg",
        "aws_security_group_rule.nginx_sg_egress",
        "aws_security_group_rule.nginx_sg_ingress",
      ]);
    });

    it("synthesizes exactly the book's module when no option is set", () => {
      expect(terraformResources(build().json)).toEqual({
        aws_security_group: { nginx_sg: { name: "nginx-sg", vpc_id: "vpc-123" } },
        aws_security_group_rule: {
          nginx_sg_egress: {
            cidr_blocks: ["0.0.0.0/0"],
            from_port: 0,
            protocol: "-1",
            security_group_id: "${aws_security_group.nginx_sg.id}",
            to_port: 0,
            type: "egress",
          },
          nginx_sg_ingress: {
            cidr_blocks: ["10.0.0.0/16"],
            from_port: 80,
            protocol: "tcp",
            security_group_id: "${aws_security_group.nginx_sg.id}",
            to_port: 80,
            type: "ingress",
          },
        },
      });
    });

    it("creates the group in the VPC with the given name", () => {
      expect(resource(build().json, "aws_security_group", "nginx_sg")).toMatchObject({
        name: "nginx-sg",
        vpc_id: "vpc-123",
      });
    });

    it("lets the port in over tcp from the CIDR blocks (the module's `port` and `cidr_blocks`)", () => {
      expect(resource(build().json, "aws_security_group_rule", "nginx_sg_ingress")).toMatchObject({
        type: "ingress",
        from_port: 80,
        to_port: 80,
        protocol: "tcp",
        cidr_blocks: ["10.0.0.0/16"],
        security_group_id: "${aws_security_group.nginx_sg.id}",
      });
    });

    it("lets everything out", () => {
      expect(resource(build().json, "aws_security_group_rule", "nginx_sg_egress")).toMatchObject({
        type: "egress",
        from_port: 0,
        to_port: 0,
        protocol: "-1",
        cidr_blocks: ["0.0.0.0/0"],
        security_group_id: "${aws_security_group.nginx_sg.id}",
      });
    });

    it("exposes the group id as securityGroupId", () => {
      const { stack, module } = build();
      expect(resolved(stack, module.securityGroupId)).toBe("${aws_security_group.nginx_sg.id}");
    });

    it("accepts valid input", () => {
      expect(validationErrors(build().stack)).toEqual([]);
    });
  });

  describe("overrides", () => {
    it("describes the group and its rules", () => {
      const { json } = build({
        description: "The containers",
        ingressDescription: "HTTP from the VPC",
        egress: { cidrBlocks: ["0.0.0.0/0"], description: "Everything out" },
      });
      expect(resource(json, "aws_security_group", "nginx_sg").description).toBe("The containers");
      expect(resource(json, "aws_security_group_rule", "nginx_sg_ingress").description).toBe("HTTP from the VPC");
      expect(resource(json, "aws_security_group_rule", "nginx_sg_egress")).toMatchObject({
        protocol: "-1",
        from_port: 0,
        to_port: 0,
        cidr_blocks: ["0.0.0.0/0"],
        description: "Everything out",
      });
    });

    it("lets only one TCP port out to the given blocks, under the same address", () => {
      const { json } = build({ egress: { ports: [443], cidrBlocks: ["0.0.0.0/0"] } });
      expect(resource(json, "aws_security_group_rule", "nginx_sg_egress")).toEqual(
        expect.objectContaining({
          type: "egress",
          from_port: 443,
          to_port: 443,
          protocol: "tcp",
          cidr_blocks: ["0.0.0.0/0"],
          security_group_id: "${aws_security_group.nginx_sg.id}",
        }),
      );
    });

    it("lets more ports out, one rule each: the first under the module's address, the others under their ports", () => {
      const { json } = build({
        egress: { ports: [80, 8081], cidrBlocks: ["10.0.0.0/16"], description: "To the targets" },
      });
      expect(addresses(json)).toEqual([
        "aws_security_group.nginx_sg",
        "aws_security_group_rule.nginx_sg_egress",
        "aws_security_group_rule.nginx_sg_egress_8081",
        "aws_security_group_rule.nginx_sg_ingress",
      ]);
      expect(resource(json, "aws_security_group_rule", "nginx_sg_egress_8081")).toEqual(
        expect.objectContaining({
          type: "egress",
          from_port: 8081,
          to_port: 8081,
          protocol: "tcp",
          cidr_blocks: ["10.0.0.0/16"],
          description: "To the targets",
        }),
      );
    });

    it("lets more ports in, one rule each: the first under the module's address, the others under their ports", () => {
      const { json } = build({
        ingress: { ports: [80, 8081], from: { cidrBlocks: ["10.0.0.0/16"] } },
        ingressDescription: "From the VPC",
      });
      expect(addresses(json)).toContain("aws_security_group_rule.nginx_sg_ingress_8081");
      expect(resource(json, "aws_security_group_rule", "nginx_sg_ingress").from_port).toBe(80);
      expect(resource(json, "aws_security_group_rule", "nginx_sg_ingress_8081")).toEqual(
        expect.objectContaining({
          type: "ingress",
          from_port: 8081,
          to_port: 8081,
          protocol: "tcp",
          cidr_blocks: ["10.0.0.0/16"],
          description: "From the VPC",
        }),
      );
    });

    it("lets the ports in from another security group only: no CIDR block", () => {
      const { json } = build({ ingress: { ports: [80, 8081], from: { securityGroupId: "sg-load-balancer" } } });
      for (const name of ["nginx_sg_ingress", "nginx_sg_ingress_8081"]) {
        const rule = resource(json, "aws_security_group_rule", name);
        expect(rule).toMatchObject({ type: "ingress", source_security_group_id: "sg-load-balancer" });
        expect(rule).not.toHaveProperty("cidr_blocks");
      }
    });

    it("lets nothing in without ingress: a group of egress only", () => {
      expect(addresses(build({ ingress: undefined }).json)).toEqual([
        "aws_security_group.nginx_sg",
        "aws_security_group_rule.nginx_sg_egress",
      ]);
    });

    it("accepts egress to a CIDR block known only at apply time", () => {
      const vpcCidr = Fn.element(Fn.tolist(["10.1.0.0/16"]), 0);
      const { stack, json } = build({ egress: { ports: [80], cidrBlocks: [vpcCidr] } });
      expect(validationErrors(stack)).toEqual([]);
      expect(resource(json, "aws_security_group_rule", "nginx_sg_egress").cidr_blocks).toEqual([
        '${element(tolist(["10.1.0.0/16"]), 0)}',
      ]);
    });
  });

  describe("validation", () => {
    it.each<[string, Partial<SecurityGroupModuleProps>, string]>([
      [
        "a port out of range",
        { ingress: { ports: [70000], from: { cidrBlocks: ["10.0.0.0/16"] } } },
        "test/nginx_sg: `ingress.ports[0]` must be a whole number from 1 to 65535, got: 70000",
      ],
      [
        "no port",
        { ingress: { ports: [], from: { cidrBlocks: ["10.0.0.0/16"] } } },
        "test/nginx_sg: `ingress.ports` must not be empty, got: []",
      ],
      [
        "a port listed twice",
        { ingress: { ports: [80, 8081, 80], from: { cidrBlocks: ["10.0.0.0/16"] } } },
        "test/nginx_sg: `ingress.ports[2]` must be listed once: `ingress.ports[0]` has it too, got: 80",
      ],
      [
        "a name starting with sg-",
        { name: "sg-web" },
        'test/nginx_sg: `name` must be 1 to 255 characters of ASCII letters, digits and ._-:/()#,@[]+=&;{}!$* not starting with sg-, got: "sg-web"',
      ],
      [
        "no CIDR blocks",
        { ingress: { ports: [80], from: { cidrBlocks: [] } } },
        "test/nginx_sg: `ingress.from.cidrBlocks` must not be empty, got: []",
      ],
      [
        "a bad CIDR block",
        { ingress: { ports: [80], from: { cidrBlocks: ["10.0.0.1/16"] } } },
        'test/nginx_sg: `ingress.from.cidrBlocks[0]` must be an IPv4 CIDR block such as 10.0.0.0/16, with no host bits set, got: "10.0.0.1/16"',
      ],
      [
        "a description with a character EC2 rejects",
        { description: "The containers' group" },
        `test/nginx_sg: \`description\` must be 1 to 255 characters of ASCII letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, got: "The containers' group"`,
      ],
      [
        "an empty ingress description",
        { ingressDescription: "" },
        'test/nginx_sg: `ingressDescription` must be 1 to 255 characters of ASCII letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, got: ""',
      ],
      [
        "a non-ASCII egress description",
        { egress: { cidrBlocks: ["0.0.0.0/0"], description: "外へ" } },
        'test/nginx_sg: `egress.description` must be 1 to 255 characters of ASCII letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, got: "外へ"',
      ],
      [
        "an egress port of 0",
        { egress: { ports: [0], cidrBlocks: ["0.0.0.0/0"] } },
        "test/nginx_sg: `egress.ports[0]` must be a whole number from 1 to 65535, got: 0",
      ],
      [
        "an empty list of egress ports",
        { egress: { ports: [], cidrBlocks: ["0.0.0.0/0"] } },
        "test/nginx_sg: `egress.ports` must not be empty, got: []",
      ],
      [
        "an egress port listed twice",
        { egress: { ports: [443, 443], cidrBlocks: ["0.0.0.0/0"] } },
        "test/nginx_sg: `egress.ports[1]` must be listed once: `egress.ports[0]` has it too, got: 443",
      ],
      [
        "egress to no CIDR block",
        { egress: { ports: [443], cidrBlocks: [] } },
        "test/nginx_sg: `egress.cidrBlocks` must not be empty, got: []",
      ],
      [
        "egress to a bad CIDR block",
        { egress: { ports: [443], cidrBlocks: ["0.0.0.0"] } },
        'test/nginx_sg: `egress.cidrBlocks[0]` must be an IPv4 CIDR block such as 10.0.0.0/16, with no host bits set, got: "0.0.0.0"',
      ],
    ])("rejects %s", (_, overrides, message) => {
      expect(validationErrors(build(overrides).stack)).toEqual([message]);
    });
  });
});
