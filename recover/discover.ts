// What AWS holds with a stack's tag (`ManagedBy = cdktf:<stack>`, a default tag of every taggable
// resource): the Resource Groups Tagging API lists them, and EC2's describe calls add what identifies
// each (a subnet's CIDR and VPC). Elastic IPs are read with DescribeAddresses and a tag filter (the
// local emulator's tagging API does not list them). What is deleted but still listed (a NAT gateway for an
// hour, an INACTIVE ECS cluster, service or task definition) is left out. Read-only: nothing here changes anything.
import {
  DescribeAddressesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  EC2ClientConfig,
  Tag,
} from "@aws-sdk/client-ec2";
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
} from "@aws-sdk/client-ecs";
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { Tagged } from "./orphans";

/** Where to look: the stack's region, and the endpoint (the local emulator) when there is one. */
export interface Target {
  readonly region: string;
  readonly endpoint?: string;
  /** Client settings beside those (tests: the emulator's certificate and credentials). */
  readonly client?: Pick<EC2ClientConfig, "credentials" | "requestHandler">;
}

/** The tag every taggable resource of a stack carries (`stacks/provider.ts`' default tags). */
export function stackTag(stack: string): { key: string; value: string } {
  return { key: "ManagedBy", value: `cdktf:${stack}` };
}

function tagMap(tags: readonly Tag[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
}

/** The Terraform type, the import id and the name-like attributes an ARN tells by itself. */
export function fromArn(arn: string): Pick<Tagged, "type" | "importId" | "ids" | "attributes"> {
  const [, , service = "", , , ...rest] = arn.split(":");
  const resource = rest.join(":");
  const slash = resource.indexOf("/");
  const kind = slash < 0 ? resource.split(":")[0] : resource.slice(0, slash);
  const path = slash < 0 ? "" : resource.slice(slash + 1);
  const parts = path.split("/");
  const ec2: Record<string, string> = {
    vpc: "aws_vpc",
    subnet: "aws_subnet",
    "security-group": "aws_security_group",
    "internet-gateway": "aws_internet_gateway",
    "route-table": "aws_route_table",
    natgateway: "aws_nat_gateway",
    "elastic-ip": "aws_eip",
  };
  if (service === "ec2" && kind !== undefined && ec2[kind]) {
    return { type: ec2[kind], importId: path, ids: [path, arn], attributes: {} };
  }
  if (service === "elasticloadbalancing" && kind === "loadbalancer" && parts[0] === "app") {
    return { type: "aws_lb", importId: arn, ids: [arn], attributes: { name: parts[1] } };
  }
  if (service === "elasticloadbalancing" && kind === "targetgroup") {
    return { type: "aws_lb_target_group", importId: arn, ids: [arn], attributes: { name: parts[0] } };
  }
  if (service === "ecs" && kind === "cluster") {
    return { type: "aws_ecs_cluster", importId: parts[0] ?? "", ids: [arn], attributes: { name: parts[0] } };
  }
  if (service === "ecs" && kind === "service" && parts.length === 2) {
    const [cluster = "", name = ""] = parts;
    return { type: "aws_ecs_service", importId: `${cluster}/${name}`, ids: [arn], attributes: { name, cluster } };
  }
  if (service === "logs" && resource.startsWith("log-group:")) {
    const name = resource.slice("log-group:".length).replace(/:\*$/, "");
    return { type: "aws_cloudwatch_log_group", importId: name, ids: [name, arn], attributes: { name } };
  }
  return { type: undefined, importId: arn, ids: [arn], attributes: {} };
}

/** Every resource in the region with the stack's tag, with what identifies it. */
export async function findTagged(stack: string, target: Target): Promise<Tagged[]> {
  const config = { ...target.client, region: target.region, ...(target.endpoint ? { endpoint: target.endpoint } : {}) };
  const tagging = new ResourceGroupsTaggingAPIClient(config);
  const ec2 = new EC2Client(config);
  const ecs = new ECSClient(config);
  const tag = stackTag(stack);
  try {
    const found: Tagged[] = [];
    let token: string | undefined;
    do {
      const page = await tagging.send(
        new GetResourcesCommand({ TagFilters: [{ Key: tag.key, Values: [tag.value] }], PaginationToken: token }),
      );
      for (const mapping of page.ResourceTagMappingList ?? []) {
        const arn = mapping.ResourceARN ?? "";
        const tags = Object.fromEntries((mapping.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
        found.push({ arn, tags, ...fromArn(arn) });
      }
      token = page.PaginationToken || undefined;
    } while (token);

    const { Addresses = [] } = await ec2.send(
      new DescribeAddressesCommand({ Filters: [{ Name: `tag:${tag.key}`, Values: [tag.value] }] }),
    );
    for (const address of Addresses) {
      const id = address.AllocationId ?? "";
      if (found.some((f) => f.importId === id)) continue;
      found.push({
        type: "aws_eip",
        arn: id,
        importId: id,
        ids: [id],
        tags: tagMap(address.Tags),
        attributes: { allocation_id: id },
      });
    }
    return await withoutDeletedEcs(ecs, await describeEc2(ec2, found));
  } finally {
    tagging.destroy();
    ec2.destroy();
    ecs.destroy();
  }
}

/** Adds the identifying attributes of EC2 resources, which their ARNs do not tell. */
async function describeEc2(ec2: EC2Client, found: Tagged[]): Promise<Tagged[]> {
  const ids = (type: string) => found.filter((f) => f.type === type).map((f) => f.importId);
  const attributes = new Map<string, Record<string, string | undefined>>();
  const deleted = new Set<string>();
  const set = (id: string | undefined, values: Record<string, string | undefined>) => {
    if (id) attributes.set(id, values);
  };
  const vpcs = ids("aws_vpc");
  if (vpcs.length) {
    const { Vpcs = [] } = await ec2.send(new DescribeVpcsCommand({ VpcIds: vpcs }));
    for (const v of Vpcs) set(v.VpcId, { cidr_block: v.CidrBlock });
  }
  const subnets = ids("aws_subnet");
  if (subnets.length) {
    const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: subnets }));
    for (const s of Subnets) set(s.SubnetId, { cidr_block: s.CidrBlock, vpc_id: s.VpcId });
  }
  const groups = ids("aws_security_group");
  if (groups.length) {
    const { SecurityGroups = [] } = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: groups }));
    for (const g of SecurityGroups) set(g.GroupId, { name: g.GroupName, vpc_id: g.VpcId });
  }
  const gateways = ids("aws_internet_gateway");
  if (gateways.length) {
    const { InternetGateways = [] } = await ec2.send(
      new DescribeInternetGatewaysCommand({ InternetGatewayIds: gateways }),
    );
    for (const g of InternetGateways) set(g.InternetGatewayId, { vpc_id: g.Attachments?.[0]?.VpcId });
  }
  const tables = ids("aws_route_table");
  if (tables.length) {
    const { RouteTables = [] } = await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: tables }));
    for (const t of RouteTables) set(t.RouteTableId, { vpc_id: t.VpcId });
  }
  const nats = ids("aws_nat_gateway");
  if (nats.length) {
    const { NatGateways = [] } = await ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: nats }));
    for (const n of NatGateways) {
      // A deleted NAT gateway stays visible for about an hour, with its tags: it is gone, not an orphan.
      if (n.State === "deleted" || n.State === "deleting" || n.State === "failed") deleted.add(n.NatGatewayId ?? "");
      set(n.NatGatewayId, { subnet_id: n.SubnetId, allocation_id: n.NatGatewayAddresses?.[0]?.AllocationId });
    }
  }
  return found
    .filter((f) => !deleted.has(f.importId))
    .map((f) => {
      const described = attributes.get(f.importId);
      return described ? { ...f, attributes: { ...f.attributes, ...described } } : f;
    });
}

/** Leaves out ECS clusters, services and task definitions that are no longer ACTIVE (deleted ones stay listed). */
async function withoutDeletedEcs(ecs: ECSClient, found: Tagged[]): Promise<Tagged[]> {
  const inactive = new Set<string>();
  const arns = (pattern: RegExp) => found.filter((f) => pattern.test(f.arn)).map((f) => f.arn);
  const clusters = arns(/^arn:[^:]+:ecs:[^:]*:[^:]*:cluster\//);
  for (let i = 0; i < clusters.length; i += 100) {
    const batch = clusters.slice(i, i + 100);
    const { clusters: described = [] } = await ecs.send(new DescribeClustersCommand({ clusters: batch }));
    const active = new Set(described.filter((c) => c.status === "ACTIVE").map((c) => c.clusterArn));
    for (const arn of batch) if (!active.has(arn)) inactive.add(arn);
  }
  const services = found.filter((f) => f.type === "aws_ecs_service");
  for (const service of services) {
    const { services: described = [] } = await ecs.send(
      new DescribeServicesCommand({ cluster: service.attributes.cluster, services: [service.arn] }),
    );
    if (described[0]?.status !== "ACTIVE") inactive.add(service.arn);
  }
  for (const arn of arns(/^arn:[^:]+:ecs:[^:]*:[^:]*:task-definition\//)) {
    const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }));
    if (taskDefinition?.status !== "ACTIVE") inactive.add(arn);
  }
  return found.filter((f) => !inactive.has(f.arn));
}
