// The book's `./security_group` module: one security group that lets TCP ports in from given
// CIDR blocks (or from another security group) and, by default, everything out. The book's
// module lets one port in; a service behind several load-balanced targets needs one per target.
// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { Construct } from "constructs";
import { cidrBlock } from "../shared/cidr";
import { awsName, nonEmpty, port } from "../shared/rules";
import { isUnresolved, Problems } from "../shared/validation";

/**
 * What a group lets out. Changing a port or the blocks replaces its rule (EC2 rules have no
 * update), so the group lets that port out for nothing in the seconds in between.
 */
export interface SecurityGroupEgress {
  /** Where traffic may go, e.g. `["0.0.0.0/0"]` or the VPC's CIDR block. */
  readonly cidrBlocks: string[];
  /**
   * The TCP ports let out, one rule each: the first under `<id>_egress` (the module's address),
   * each other under `<id>_egress_<port>`. E.g. `[443]` for image pulls and AWS APIs through the
   * NAT gateways, or a load balancer's targets' ports.
   * @default every protocol and port, one rule (the module's egress rule)
   */
  readonly ports?: readonly number[];
  /**
   * The rules' description; changing it updates them in place.
   * @default none (the module's)
   */
  readonly description?: string;
}

/** The optional settings of a security group, shared by the constructs that build one. */
export interface SecurityGroupOptions {
  /**
   * The group's description, shown in the console and in policy scans. AWS cannot change a
   * group's description: setting or changing it replaces the group, and AWS deletes a group
   * only once nothing uses it (the load balancer, the tasks' network interfaces), so the
   * replacement of a group in use stalls. Set it when the group is first created, or give the
   * group a new `name` in the same change and move its users in a second apply.
   * @default none: AWS records Terraform's "Managed by Terraform" (the module's)
   */
  readonly description?: string;
  /**
   * The ingress rules' description; changing it updates them in place.
   * @default none (the module's)
   */
  readonly ingressDescription?: string;
  /**
   * What the group lets out.
   * @default every protocol and port to 0.0.0.0/0 (the module's egress rule)
   */
  readonly egress?: SecurityGroupEgress;
}

/** Where a group lets its ports in from: CIDR blocks (the module's `cidr_blocks`), or another security group. */
export type SecurityGroupSource =
  | {
      /** Addresses, e.g. `["0.0.0.0/0"]` for a public entry point or the VPC's CIDR block. */
      readonly cidrBlocks: string[];
    }
  | {
      /**
       * A security group (`source_security_group_id`): only network interfaces that carry it, e.g.
       * the load balancer's, whatever their address.
       */
      readonly securityGroupId: string;
    };

/** What a group lets in: TCP ports, from one source. */
export interface SecurityGroupIngress {
  /**
   * The TCP ports (the module's `port`), one rule each: the first under `<id>_ingress` (the
   * module's address), each other under `<id>_ingress_<port>`.
   */
  readonly ports: readonly number[];
  /** Where they are open from. */
  readonly from: SecurityGroupSource;
}

export interface SecurityGroupModuleProps extends SecurityGroupOptions {
  /** The security group's name (the module's `name` variable). */
  readonly name: string;
  /** The VPC the group belongs to (`vpc_id`). */
  readonly vpcId: string;
  /**
   * What the group lets in (the module's `port` and `cidr_blocks`).
   * @default nothing: no ingress rule (the group of a service that no load balancer reaches)
   */
  readonly ingress?: SecurityGroupIngress;
}

// The characters EC2 accepts in group and rule descriptions.
const description = awsName(
  255,
  /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/,
  "ASCII letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*",
);

/**
 * The note's `module "<id>" { source = "./security_group" }`. The construct id is
 * the module instance's name and names the Terraform addresses:
 * `aws_security_group.<id>`, `aws_security_group_rule.<id>_ingress` and `_egress`
 * (`_ingress_<port>` and `_egress_<port>` for the ports after the first).
 */
export class SecurityGroupModule extends Construct {
  /** The module's `security_group_id` output. */
  public readonly securityGroupId: string;

  public constructor(scope: Construct, id: string, props: SecurityGroupModuleProps) {
    super(scope, id);
    const egress = props.egress ?? { cidrBlocks: ["0.0.0.0/0"] };
    const ingress = props.ingress;

    const problems = new Problems(this);
    problems.check(
      "name",
      props.name,
      awsName(
        255,
        /^(?!sg-)[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/,
        "ASCII letters, digits and ._-:/()#,@[]+=&;{}!$* not starting with sg-",
      ),
    );
    if (ingress) {
      checkPorts(problems, "ingress.ports", ingress.ports);
      if ("cidrBlocks" in ingress.from) checkCidrBlocks(problems, "ingress.from.cidrBlocks", ingress.from.cidrBlocks);
    }
    if (props.description !== undefined) problems.check("description", props.description, description);
    if (props.ingressDescription !== undefined) {
      problems.check("ingressDescription", props.ingressDescription, description);
    }
    checkCidrBlocks(problems, "egress.cidrBlocks", egress.cidrBlocks);
    if (egress.ports !== undefined) checkPorts(problems, "egress.ports", egress.ports);
    if (egress.description !== undefined) problems.check("egress.description", egress.description, description);

    const group = new SecurityGroup(this, "default", {
      name: props.name,
      description: props.description,
      vpcId: props.vpcId,
    });
    group.overrideLogicalId(id);

    const from = ingress?.from;
    rulePorts(ingress?.ports ?? []).forEach((p, i) => {
      new SecurityGroupRule(this, i === 0 ? "ingress" : `ingress_${p}`, {
        type: "ingress",
        fromPort: p,
        toPort: p,
        protocol: "tcp",
        cidrBlocks: from && "cidrBlocks" in from ? from.cidrBlocks : undefined,
        sourceSecurityGroupId: from && "securityGroupId" in from ? from.securityGroupId : undefined,
        description: props.ingressDescription,
        securityGroupId: group.id,
      }).overrideLogicalId(i === 0 ? `${id}_ingress` : `${id}_ingress_${p}`);
    });

    // Without ports, one rule of every protocol and port (the module's).
    (egress.ports === undefined ? [undefined] : rulePorts(egress.ports)).forEach((p, i) => {
      new SecurityGroupRule(this, i === 0 ? "egress" : `egress_${p}`, {
        type: "egress",
        fromPort: p ?? 0,
        toPort: p ?? 0,
        protocol: p === undefined ? "-1" : "tcp",
        cidrBlocks: egress.cidrBlocks,
        description: egress.description,
        securityGroupId: group.id,
      }).overrideLogicalId(i === 0 ? `${id}_egress` : `${id}_egress_${p}`);
    });

    this.securityGroupId = group.id;
  }
}

/** Each port once, in the order given: a port listed twice is reported, and gets one rule. */
function rulePorts(ports: readonly number[]): number[] {
  return [...new Set(ports)];
}

function checkPorts(problems: Problems, property: string, ports: readonly number[]): void {
  problems.check(property, ports, nonEmpty);
  ports.forEach((p, i) => {
    problems.check(`${property}[${i}]`, p, port);
    const first = ports.indexOf(p);
    if (first < i && !isUnresolved(p)) {
      problems.report(`${property}[${i}]`, `must be listed once: \`${property}[${first}]\` has it too`, p);
    }
  });
}

function checkCidrBlocks(problems: Problems, property: string, cidrBlocks: readonly string[]): void {
  problems.check(property, cidrBlocks, nonEmpty);
  cidrBlocks.forEach((cidr, i) => problems.check(`${property}[${i}]`, cidr, cidrBlock));
}
