// The book's `./security_group` module: one security group that lets one TCP port
// in from given CIDR blocks and everything out.
// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { Construct } from "constructs";
import { cidrBlock } from "../shared/cidr";
import { awsName, nonEmpty, port } from "../shared/rules";
import { Problems } from "../shared/validation";

export interface SecurityGroupModuleProps {
  /** The security group's name (the module's `name` variable). */
  readonly name: string;
  /** The VPC the group belongs to (`vpc_id`). */
  readonly vpcId: string;
  /** The TCP port let in (`port`). */
  readonly port: number;
  /** Where the port is open from (`cidr_blocks`). */
  readonly cidrBlocks: string[];
}

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

    const group = new SecurityGroup(this, "default", { name: props.name, vpcId: props.vpcId });
    group.overrideLogicalId(id);

    new SecurityGroupRule(this, "ingress", {
      type: "ingress",
      fromPort: props.port,
      toPort: props.port,
      protocol: "tcp",
      cidrBlocks: props.cidrBlocks,
      securityGroupId: group.id,
    }).overrideLogicalId(`${id}_ingress`);

    new SecurityGroupRule(this, "egress", {
      type: "egress",
      fromPort: 0,
      toPort: 0,
      protocol: "-1",
      cidrBlocks: ["0.0.0.0/0"],
      securityGroupId: group.id,
    }).overrideLogicalId(`${id}_egress`);

    this.securityGroupId = group.id;
  }
}
