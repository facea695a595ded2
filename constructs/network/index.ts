// The network the note's service runs in (the book's VPC chapter): a VPC, a public
// and a private subnet per availability zone, an internet gateway for the public
// subnets and a NAT gateway per AZ for the private ones; optionally the VPC's default
// security group emptied and flow logs to CloudWatch Logs.
// https://docs.aws.amazon.com/vpc/latest/userguide/vpc-example-private-subnets-nat.html
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Construct } from "constructs";
import { IamRoleModule } from "../iam-role";
import { LogGroup } from "../log-group";
import { resolveTerraformNames, terraformNamer, TerraformNames } from "../shared/addresses";
import { cidrBlock, contains, Ipv4Range, overlaps, parseCidr } from "../shared/cidr";
import { oneOf } from "../shared/rules";
import { isUnresolved, Problems } from "../shared/validation";

/** VPC flow logs to CloudWatch Logs: who talked to whom, accepted or rejected, for incident response. */
export interface NetworkFlowLogs {
  /** The log group's name, unique in the account and region, e.g. `/vpc/example/flow-logs`. */
  readonly logGroupName: string;
  /** The name of the role the flow logs service writes with, the `flow_log_role` module instance (unique in the account). */
  readonly roleName: string;
  /** How long flow logs are kept, in days: one of CloudWatch's values (0: never expire). */
  readonly retentionInDays: number;
  /**
   * A customer-managed KMS key (its ARN) that encrypts the log group; its key policy must let
   * CloudWatch Logs in the region use it (`CustomerManagedKey` does).
   * @default none: CloudWatch Logs' own encryption
   */
  readonly kmsKeyArn?: string;
  /**
   * Which traffic is recorded: ACCEPT, REJECT or ALL.
   * @default "ALL": a rejected flow alone does not show what got through
   */
  readonly trafficType?: "ACCEPT" | "REJECT" | "ALL";
}

export interface NetworkProps {
  /** The `Name` tag of the VPC and the prefix of the subnets' `Name` tags (the note's `example`). */
  readonly name: string;
  /** The region the availability zones must belong to. */
  readonly region: string;
  /** One availability zone per subnet pair, e.g. `["ap-northeast-1a", "ap-northeast-1c"]`. At least two: an ALB needs two AZs. */
  readonly availabilityZones: string[];
  /**
   * The VPC's CIDR block.
   * @default "10.0.0.0/16"
   */
  readonly cidrBlock?: string;
  /**
   * One public subnet CIDR per availability zone, in the same order.
   * @default ["10.0.1.0/24", "10.0.2.0/24"]
   */
  readonly publicSubnetCidrs?: string[];
  /**
   * One private subnet CIDR per availability zone, in the same order.
   * @default ["10.0.65.0/24", "10.0.66.0/24"]
   */
  readonly privateSubnetCidrs?: string[];
  /**
   * Whether network interfaces in the public subnets get a public IPv4 address. Nothing here
   * needs one: the NAT gateways have their Elastic IPs and the load balancer its own addresses;
   * anything else launched there would be reachable from the internet, and AWS bills every
   * public IPv4 address. Changing it updates the subnets in place.
   * @default true (the book's)
   */
  readonly mapPublicIpOnLaunch?: boolean;
  /**
   * Take the VPC's default security group under management with no rules
   * (`aws_default_security_group.example`), so that a resource launched without a group of its
   * own gets no traffic at all. Terraform cannot delete a default group: turning this off later
   * only stops managing it, and the group stays empty.
   * @default false (the book's: AWS's rules, all traffic within the group and out)
   */
  readonly restrictDefaultSecurityGroup?: boolean;
  /**
   * VPC flow logs to a log group of their own (`aws_flow_log.example`,
   * `aws_cloudwatch_log_group.flow_log` and the `flow_log_role` module).
   * @default none (the book's)
   */
  readonly flowLogs?: NetworkFlowLogs;
  /**
   * The Terraform names of the network's resources.
   * @default "note" for the stack's first network (`aws_vpc.example`, `aws_subnet.public_0`, ...), "own" for later ones (`aws_vpc.<id>`, `aws_subnet.<id>_public_0`, ...)
   */
  readonly terraformNames?: TerraformNames;
}

/**
 * Addresses follow the book: `aws_vpc.example`, `aws_subnet.public_<i>` and
 * `private_<i>`, `aws_internet_gateway.example`, `aws_route_table.public` and
 * `private_<i>`, `aws_route.public` and `private_<i>`, `aws_eip.nat_gateway_<i>`,
 * `aws_nat_gateway.nat_gateway_<i>`, `aws_route_table_association.public_<i>` and `private_<i>`;
 * optionally `aws_default_security_group.example`, and `aws_flow_log.example`,
 * `aws_cloudwatch_log_group.flow_log`, `data.aws_iam_policy_document.flow_log` and the
 * `flow_log_role` module (`aws_iam_role.flow_log_role`, ...).
 */
export class Network extends Construct {
  public readonly vpcId: string;
  public readonly vpcCidrBlock: string;
  public readonly publicSubnetIds: string[];
  public readonly privateSubnetIds: string[];
  /** The flow logs' log group, when there are flow logs. */
  public readonly flowLogGroupArn?: string;

  public constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);

    const name = props.name;
    const vpcCidr = props.cidrBlock ?? "10.0.0.0/16";
    const zones = props.availabilityZones;
    const publicCidrs = props.publicSubnetCidrs ?? ["10.0.1.0/24", "10.0.2.0/24"];
    const privateCidrs = props.privateSubnetCidrs ?? ["10.0.65.0/24", "10.0.66.0/24"];
    const mapPublicIpOnLaunch = props.mapPublicIpOnLaunch ?? true;
    const flowLogs = props.flowLogs && { ...props.flowLogs, trafficType: props.flowLogs.trafficType ?? "ALL" };

    const problems = new Problems(this);
    const named = terraformNamer(resolveTerraformNames(this, "Network", props.terraformNames, problems), id);
    this.validate(problems, props.region, zones, vpcCidr, publicCidrs, privateCidrs);
    // The log group checks its own name, retention and key (`<id>/flow_log_group`).
    if (flowLogs) problems.check("flowLogs.trafficType", flowLogs.trafficType, oneOf(["ACCEPT", "REJECT", "ALL"]));

    const vpc = new Vpc(this, "vpc", {
      cidrBlock: vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: name },
    });
    vpc.overrideLogicalId(named("example"));

    const internetGateway = new InternetGateway(this, "internet_gateway", { vpcId: vpc.id });
    internetGateway.overrideLogicalId(named("example"));

    const publicRouteTable = new RouteTable(this, "public_route_table", { vpcId: vpc.id });
    publicRouteTable.overrideLogicalId(named("public"));
    new Route(this, "public_route", {
      routeTableId: publicRouteTable.id,
      gatewayId: internetGateway.id,
      destinationCidrBlock: "0.0.0.0/0",
    }).overrideLogicalId(named("public"));

    this.publicSubnetIds = [];
    this.privateSubnetIds = [];
    zones.forEach((zone, i) => {
      const publicSubnet = new Subnet(this, `public_${i}`, {
        vpcId: vpc.id,
        cidrBlock: publicCidrs[i] ?? "",
        availabilityZone: zone,
        mapPublicIpOnLaunch,
        tags: { Name: `${name}-public-${i}` },
      });
      publicSubnet.overrideLogicalId(named(`public_${i}`));
      new RouteTableAssociation(this, `public_${i}_association`, {
        subnetId: publicSubnet.id,
        routeTableId: publicRouteTable.id,
      }).overrideLogicalId(named(`public_${i}`));

      // A NAT gateway and its address need the internet gateway attached first.
      const eip = new Eip(this, `nat_gateway_${i}_eip`, { domain: "vpc", dependsOn: [internetGateway] });
      eip.overrideLogicalId(named(`nat_gateway_${i}`));
      const natGateway = new NatGateway(this, `nat_gateway_${i}`, {
        allocationId: eip.id,
        subnetId: publicSubnet.id,
        dependsOn: [internetGateway],
      });
      natGateway.overrideLogicalId(named(`nat_gateway_${i}`));

      const privateSubnet = new Subnet(this, `private_${i}`, {
        vpcId: vpc.id,
        cidrBlock: privateCidrs[i] ?? "",
        availabilityZone: zone,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${name}-private-${i}` },
      });
      privateSubnet.overrideLogicalId(named(`private_${i}`));
      // One private route table per AZ, so that an AZ keeps its egress when the other AZ's NAT gateway fails.
      const privateRouteTable = new RouteTable(this, `private_${i}_route_table`, { vpcId: vpc.id });
      privateRouteTable.overrideLogicalId(named(`private_${i}`));
      new Route(this, `private_${i}_route`, {
        routeTableId: privateRouteTable.id,
        natGatewayId: natGateway.id,
        destinationCidrBlock: "0.0.0.0/0",
      }).overrideLogicalId(named(`private_${i}`));
      new RouteTableAssociation(this, `private_${i}_association`, {
        subnetId: privateSubnet.id,
        routeTableId: privateRouteTable.id,
      }).overrideLogicalId(named(`private_${i}`));

      this.publicSubnetIds.push(publicSubnet.id);
      this.privateSubnetIds.push(privateSubnet.id);
    });

    // https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
    if (props.restrictDefaultSecurityGroup ?? false) {
      // No ingress or egress blocks: Terraform removes every rule AWS put in the group.
      new DefaultSecurityGroup(this, "default_security_group", { vpcId: vpc.id }).overrideLogicalId(named("example"));
    }

    // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-cwl.html
    if (flowLogs) {
      const logGroup = new LogGroup(this, "flow_log_group", {
        name: flowLogs.logGroupName,
        retentionInDays: flowLogs.retentionInDays,
        kmsKeyArn: flowLogs.kmsKeyArn,
        terraformName: named("flow_log"),
      });

      // AWS's sample policy allows these on every resource; this log group is the only one written.
      const policy = new DataAwsIamPolicyDocument(this, "flow_log_policy", {
        statement: [
          {
            effect: "Allow",
            actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
            resources: [logGroup.logGroupArn, `${logGroup.logGroupArn}:log-stream:*`],
          },
        ],
      });
      policy.overrideLogicalId(named("flow_log"));
      const role = new IamRoleModule(this, named("flow_log_role"), {
        name: flowLogs.roleName,
        identifier: "vpc-flow-logs.amazonaws.com",
        policy: policy.json,
      });

      new FlowLog(this, "flow_log", {
        vpcId: vpc.id,
        trafficType: flowLogs.trafficType,
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroup.logGroupArn,
        iamRoleArn: role.iamRoleArn,
        tags: { Name: name },
        // AWS checks at create that the role may write to the log group; the role's ARN alone
        // lets Terraform create the flow log before the policy is attached, and the flow log
        // then stays in an error state. After the attachment, every time.
        dependsOn: role.policyAttachment && [role.policyAttachment],
      }).overrideLogicalId(named("example"));
      this.flowLogGroupArn = logGroup.logGroupArn;
    }

    this.vpcId = vpc.id;
    this.vpcCidrBlock = vpc.cidrBlock;
  }

  private validate(
    problems: Problems,
    region: string,
    zones: string[],
    vpcCidr: string,
    publicCidrs: string[],
    privateCidrs: string[],
  ): void {
    if (zones.length < 2) {
      problems.report(
        "availabilityZones",
        "must list at least two zones (an application load balancer needs two)",
        zones,
      );
    }
    const knownRegion = !isUnresolved(region);
    zones.forEach(
      (zone, i) =>
        knownRegion &&
        problems.check(`availabilityZones[${i}]`, zone, (z) =>
          new RegExp(`^${region.replace(/[-]/g, "\\-")}[a-z]$`).test(z)
            ? undefined
            : `must be an availability zone of the region ${region}`,
        ),
    );
    for (const [property, cidrs] of [
      ["publicSubnetCidrs", publicCidrs],
      ["privateSubnetCidrs", privateCidrs],
    ] as const) {
      if (cidrs.length !== zones.length) {
        problems.report(property, `must have one CIDR block per availability zone (${zones.length})`, cidrs);
      }
    }

    problems.check("cidrBlock", vpcCidr, cidrBlock);
    const vpcRange = parseCidr(vpcCidr);
    const seen: { property: string; cidr: string; range: Ipv4Range }[] = [];
    const subnets = [
      ...publicCidrs.map((cidr, i) => ({ property: `publicSubnetCidrs[${i}]`, cidr })),
      ...privateCidrs.map((cidr, i) => ({ property: `privateSubnetCidrs[${i}]`, cidr })),
    ];
    for (const { property, cidr } of subnets) {
      if (isUnresolved(cidr)) continue;
      const range = parseCidr(cidr);
      if (!range) {
        problems.check(property, cidr, cidrBlock);
        continue;
      }
      if (vpcRange && !contains(vpcRange, range)) {
        problems.report(property, `must lie inside the VPC's CIDR block ${vpcCidr}`, cidr);
      }
      const clash = seen.find((other) => overlaps(other.range, range));
      if (clash) {
        problems.report(property, `must not overlap ${clash.property} (${clash.cidr})`, cidr);
      }
      seen.push({ property, cidr, range });
    }
  }
}
