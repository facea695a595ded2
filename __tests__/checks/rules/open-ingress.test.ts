import { openIngress } from "../../../checks/rules/open-ingress";

const rule = (args: Record<string, unknown>) =>
  openIngress.check({
    mode: "resource",
    type: "aws_security_group_rule",
    args: { type: "ingress", protocol: "tcp", ...args },
  });

describe("open-ingress", () => {
  it.each([80, 443])("passes port %i open to the internet", (port) => {
    expect(rule({ from_port: port, to_port: port, cidr_blocks: ["0.0.0.0/0"] })).toEqual([]);
  });

  it("passes any port open to the VPC only, or to a reference", () => {
    expect(rule({ from_port: 22, to_port: 22, cidr_blocks: ["10.0.0.0/16"] })).toEqual([]);
    expect(rule({ from_port: 22, to_port: 22, cidr_blocks: ["${aws_vpc.example.cidr_block}"] })).toEqual([]);
  });

  it("passes egress to anywhere (not ingress)", () => {
    expect(rule({ type: "egress", from_port: 0, to_port: 0, protocol: "-1", cidr_blocks: ["0.0.0.0/0"] })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["SSH from anywhere", { from_port: 22, to_port: 22, cidr_blocks: ["0.0.0.0/0"] }, "port 22 is open to 0.0.0.0/0"],
    [
      "a range over IPv6",
      { from_port: 8000, to_port: 8080, ipv6_cidr_blocks: ["::/0"] },
      "ports 8000-8080 is open to ::/0",
    ],
    [
      "every protocol",
      { from_port: 0, to_port: 0, protocol: "-1", cidr_blocks: ["0.0.0.0/0"] },
      "every port is open to 0.0.0.0/0",
    ],
  ])("flags %s", (_, args, message) => {
    expect(rule(args)).toEqual([
      { message, fix: "open it to the load balancer's security group or the VPC's CIDR block instead" },
    ]);
  });
});
