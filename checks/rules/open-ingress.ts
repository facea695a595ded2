// Ingress from anywhere belongs only on the ports a public web entry point serves (80 and 443):
// any other port open to the internet is an attack surface nobody meant to publish.
// https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
import { asList, CheckRule, isReference } from "../rule";

const ANYWHERE = ["0.0.0.0/0", "::/0"];
const WEB_PORTS = [80, 443];

export const openIngress: CheckRule = {
  id: "open-ingress",
  title: "only ports 80 and 443 are open to the internet",
  types: ["aws_security_group_rule", "aws_vpc_security_group_ingress_rule"],
  check({ type, args }) {
    if (type === "aws_security_group_rule" && args.type !== "ingress") return [];
    const sources = [...asList(args.cidr_blocks as string[]), ...asList(args.ipv6_cidr_blocks as string[])];
    if (type === "aws_vpc_security_group_ingress_rule")
      sources.push(...asList(args.cidr_ipv4 as string), ...asList(args.cidr_ipv6 as string));
    const open = sources.filter((s) => !isReference(s) && ANYWHERE.includes(s));
    if (open.length === 0) return [];
    const from = Number(args.from_port);
    const to = Number(args.to_port);
    if (args.ip_protocol !== "-1" && args.protocol !== "-1" && from === to && WEB_PORTS.includes(from)) return [];
    const ports =
      args.protocol === "-1" || args.ip_protocol === "-1"
        ? "every port"
        : from === to
          ? `port ${from}`
          : `ports ${from}-${to}`;
    return [
      {
        message: `${ports} is open to ${open.join(" and ")}`,
        fix: "open it to the load balancer's security group or the VPC's CIDR block instead",
      },
    ];
  },
};
