import { SecurityGroupModule, SecurityGroupModuleProps } from "../../constructs/security-group";
import { addresses, resolved, resource, synthJson, testStack, validationErrors } from "../helpers/synth";

function build(overrides: Partial<SecurityGroupModuleProps> = {}) {
  const stack = testStack();
  const module = new SecurityGroupModule(stack, "nginx_sg", {
    name: "nginx-sg",
    vpcId: "vpc-123",
    port: 80,
    cidrBlocks: ["10.0.0.0/16"],
    ...overrides,
  });
  return { stack, module, json: synthJson(stack) };
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

    it("creates the group in the VPC with the given name", () => {
      expect(resource(build().json, "aws_security_group", "nginx_sg")).toMatchObject({
        name: "nginx-sg",
        vpc_id: "vpc-123",
      });
    });

    it("lets the port in over tcp from the CIDR blocks", () => {
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

  describe("validation", () => {
    it.each<[string, Partial<SecurityGroupModuleProps>, string]>([
      [
        "a port out of range",
        { port: 70000 },
        "test/nginx_sg: `port` must be a whole number from 1 to 65535, got: 70000",
      ],
      [
        "a name starting with sg-",
        { name: "sg-web" },
        'test/nginx_sg: `name` must be 1 to 255 characters of ASCII letters, digits and ._-:/()#,@[]+=&;{}!$* not starting with sg-, got: "sg-web"',
      ],
      ["no CIDR blocks", { cidrBlocks: [] }, "test/nginx_sg: `cidrBlocks` must not be empty, got: []"],
      [
        "a bad CIDR block",
        { cidrBlocks: ["10.0.0.1/16"] },
        'test/nginx_sg: `cidrBlocks[0]` must be an IPv4 CIDR block such as 10.0.0.0/16, with no host bits set, got: "10.0.0.1/16"',
      ],
    ])("rejects %s", (_, overrides, message) => {
      expect(validationErrors(build(overrides).stack)).toEqual([message]);
    });
  });
});
