// The book's `./security_group` module: one security group that lets one TCP port
// in from given CIDR blocks and, by default, everything out.
// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { Construct } from "constructs";
import { cidrBlock } from "../shared/cidr";
import { awsName, nonEmpty, port } from "../shared/rules";
import { Problems } from "../shared/validation";

/**
 * What a group lets out: one egress rule. Changing its port or blocks replaces the rule
 * (EC2 rules have no update), so the group lets nothing out for the seconds in between.
 */
export interface SecurityGroupEgress {
  /** Where traffic may go, e.g. `["0.0.0.0/0"]` or the VPC's CIDR block. */
  readonly cidrBlocks: string[];
  /**
   * The one TCP port let out, e.g. 443 for image pulls and AWS APIs through the NAT gateways.
   * @default every protocol and port (the module's egress rule)
   */
  readonly port?: number;
  /**
   * The rule's description; changing it updates the rule in place.
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
   * The ingress rule's description; changing it updates the rule in place.
   * @default none (the module's)
   */
  readonly ingressDescription?: string;
  /**
   * What the group lets out.
   * @default every protocol and port to 0.0.0.0/0 (the module's egress rule)
   */
  readonly egress?: SecurityGroupEgress;
}

export interface SecurityGroupModuleProps extends SecurityGroupOptions {
  /** The security group's name (the module's `name` variable). */
  readonly name: string;
  /** The VPC the group belongs to (`vpc_id`). */
  readonly vpcId: string;
  /** The TCP port let in (`port`). */
  readonly port: number;
  /** Where the port is open from (`cidr_blocks`). */
  readonly cidrBlocks: string[];
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
 * `aws_security_group.<id>`, `aws_security_group_rule.<id>_ingress` and `_egress`.
 */
export class SecurityGroupModule extends Construct {
  /** The module's `security_group_id` output. */
  public readonly securityGroupId: string;

  public constructor(scope: Construct, id: string, props: SecurityGroupModuleProps) {
    super(scope, id);
    const egress = props.egress ?? { cidrBlocks: ["0.0.0.0/0"] };

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
    problems.check("port", props.port, port);
    problems.check("cidrBlocks", props.cidrBlocks, nonEmpty);
    props.cidrBlocks.forEach((cidr, i) => problems.check(`cidrBlocks[${i}]`, cidr, cidrBlock));
    if (props.description !== undefined) problems.check("description", props.description, description);
    if (props.ingressDescription !== undefined) {
      problems.check("ingressDescription", props.ingressDescription, description);
    }
    problems.check("egress.cidrBlocks", egress.cidrBlocks, nonEmpty);
    egress.cidrBlocks.forEach((cidr, i) => problems.check(`egress.cidrBlocks[${i}]`, cidr, cidrBlock));
    if (egress.port !== undefined) problems.check("egress.port", egress.port, port);
    if (egress.description !== undefined) problems.check("egress.description", egress.description, description);

    const group = new SecurityGroup(this, "default", {
      name: props.name,
      description: props.description,
      vpcId: props.vpcId,
    });
    group.overrideLogicalId(id);

    new SecurityGroupRule(this, "ingress", {
      type: "ingress",
      fromPort: props.port,
      toPort: props.port,
      protocol: "tcp",
      cidrBlocks: props.cidrBlocks,
      description: props.ingressDescription,
      securityGroupId: group.id,
    }).overrideLogicalId(`${id}_ingress`);

    new SecurityGroupRule(this, "egress", {
      type: "egress",
      fromPort: egress.port ?? 0,
      toPort: egress.port ?? 0,
      protocol: egress.port === undefined ? "-1" : "tcp",
      cidrBlocks: egress.cidrBlocks,
      description: egress.description,
      securityGroupId: group.id,
    }).overrideLogicalId(`${id}_egress`);

    this.securityGroupId = group.id;
  }
}
