// The preflight's checks, read-only calls each: what a first real deploy of an environment
// needs from the account that no plan shows. One result per check.
import { GetRoleCommand, IAMClient, NoSuchEntityException } from "@aws-sdk/client-iam";
import {
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from "@aws-sdk/client-route-53";
import { HeadBucketCommand, ListBucketsCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { DescribeParametersCommand, SSMClient } from "@aws-sdk/client-ssm";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { EnvironmentSettings, RuntimeSettings } from "../config";
import { accountBucketName } from "../constructs/access-logs";
import { parseSecretSource } from "../constructs/ecs/arns";
import { stateBucket } from "../stacks/backend";
import type { StackJson } from "../stacks/in-memory";
import { delegation, parentZoneName } from "./dns";
import { dockerHubImages } from "./images";
import { CheckResult } from "./report";

export interface PreflightClients {
  readonly sts: STSClient;
  readonly s3: S3Client;
  readonly iam: IAMClient;
  readonly route53: Route53Client;
  readonly ssm: SSMClient;
}

const ECS_SERVICE_LINKED_ROLE = "AWSServiceRoleForECS";

const reason = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** A bucket from this account's point of view: ours (in which region), someone else's, or free. */
async function bucketOwner(s3: S3Client, bucket: string): Promise<"ours" | "taken" | "free"> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
    if (status === 404) return "free";
    if (status === 403) return "taken";
    throw error;
  }
  // Readable is not owned (another account may grant us access): ours when we list it.
  const { Buckets = [] } = await s3.send(new ListBucketsCommand({}));
  return Buckets.some((b) => b.Name === bucket) ? "ours" : "taken";
}

export async function accountCheck(
  clients: PreflightClients,
  region: string,
): Promise<CheckResult & { account?: string }> {
  try {
    const { Account, Arn } = await clients.sts.send(new GetCallerIdentityCommand({}));
    return {
      check: "account and region",
      status: "ok",
      detail: `account ${Account} as ${Arn}, region ${region}`,
      account: Account,
    };
  } catch (error) {
    return { check: "account and region", status: "blocker", detail: `no AWS identity: ${reason(error)}` };
  }
}

export async function stateBucketCheck(
  clients: PreflightClients,
  settings: EnvironmentSettings,
  runtime: RuntimeSettings,
): Promise<CheckResult> {
  const check = "state bucket";
  const bucket = stateBucket(settings, runtime);
  if (bucket === undefined) {
    return {
      check,
      status: "warning",
      detail: "none: local state, which a CI runner does not have (state.bucket or TF_STATE_BUCKET)",
    };
  }
  const owner = await bucketOwner(clients.s3, bucket);
  if (owner === "ours") return { check, status: "ok", detail: `${bucket}, this account's` };
  if (owner === "free") {
    return { check, status: "blocker", detail: `${bucket} does not exist: npm run bootstrap:state -- ${bucket}` };
  }
  return { check, status: "blocker", detail: `${bucket} belongs to another account: choose another name` };
}

export async function hostedZoneCheck(
  clients: PreflightClients,
  settings: EnvironmentSettings,
): Promise<CheckResult[]> {
  const dns = settings.loadBalancer.https?.dns;
  if (!dns) return [];
  const zoneName = dns.zoneName.replace(/\.$/, "");
  const find = async (name: string) => {
    const { HostedZones = [] } = await clients.route53.send(
      new ListHostedZonesByNameCommand({ DNSName: name, MaxItems: 1 }),
    );
    const zone = HostedZones.find((z) => z.Name?.replace(/\.$/, "") === name && !z.Config?.PrivateZone);
    return zone?.Id?.replace("/hostedzone/", "");
  };
  const zoneId = await find(zoneName);
  if (zoneId === undefined) {
    return [
      {
        check: "hosted zone",
        status: "blocker",
        detail: `no public hosted zone ${zoneName} in this account: create it and delegate it`,
      },
    ];
  }
  const { DelegationSet } = await clients.route53.send(new GetHostedZoneCommand({ Id: zoneId }));
  const nameServers = DelegationSet?.NameServers ?? [];
  const zone: CheckResult = { check: "hosted zone", status: "ok", detail: `${zoneName} (${zoneId})` };

  const parent = parentZoneName(zoneName);
  const parentId = parent === undefined ? undefined : await find(parent);
  let parentNs: string[] | undefined;
  if (parentId !== undefined) {
    const { ResourceRecordSets = [] } = await clients.route53.send(
      new ListResourceRecordSetsCommand({ HostedZoneId: parentId, StartRecordName: zoneName, StartRecordType: "NS" }),
    );
    const record = ResourceRecordSets.find((r) => r.Type === "NS" && r.Name?.replace(/\.$/, "") === zoneName);
    parentNs = (record?.ResourceRecords ?? []).flatMap((r) => (r.Value ? [r.Value] : []));
  }
  const verdict = delegation(nameServers, parentNs);
  const listed = nameServers.join(", ");
  if (verdict.verdict === "delegated") {
    return [
      zone,
      { check: "zone delegation", status: "ok", detail: `${parent}'s NS record names the zone's name servers` },
    ];
  }
  if (verdict.verdict === "not delegated") {
    const found = verdict.parentNameServers.length ? verdict.parentNameServers.join(", ") : "no NS record";
    return [
      zone,
      {
        check: "zone delegation",
        status: "blocker",
        detail: `${parent} (in this account) has ${found} for ${zoneName}, not its name servers ${listed}: certificate validation would wait ~75 min and fail`,
      },
    ];
  }
  return [
    zone,
    {
      check: "zone delegation",
      status: "cannot tell",
      detail: `the parent of ${zoneName} is not in this account: check that \`dig +short NS ${zoneName}\` answers ${listed}`,
    },
  ];
}

export async function serviceLinkedRoleCheck(clients: PreflightClients): Promise<CheckResult> {
  const check = "ECS service-linked role";
  try {
    await clients.iam.send(new GetRoleCommand({ RoleName: ECS_SERVICE_LINKED_ROLE }));
    return { check, status: "ok", detail: `${ECS_SERVICE_LINKED_ROLE} exists` };
  } catch (error) {
    if (!(error instanceof NoSuchEntityException)) throw error;
    return {
      check,
      status: "blocker",
      detail: `${ECS_SERVICE_LINKED_ROLE} is missing (the first service fails to assume it): aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com`,
    };
  }
}

/** Every S3 bucket name the stack creates, as it will be in this account. */
export function globalNames(settings: EnvironmentSettings, account: string): string[] {
  return settings.accessLogs ? [accountBucketName(settings.accessLogs.bucketNamePrefix, account)] : [];
}

export async function globalNamesCheck(
  clients: PreflightClients,
  settings: EnvironmentSettings,
  account: string,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const bucket of globalNames(settings, account)) {
    const check = `S3 name ${bucket}`;
    const owner = await bucketOwner(clients.s3, bucket);
    if (owner === "free") results.push({ check, status: "ok", detail: "free" });
    else if (owner === "ours") results.push({ check, status: "ok", detail: "already this account's" });
    else results.push({ check, status: "blocker", detail: "taken by another account: change the prefix" });
  }
  return results;
}

export async function secretsCheck(
  clients: PreflightClients,
  settings: EnvironmentSettings,
  account: string,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const reference of settings.secrets?.existingParameters ?? []) {
    const source = parseSecretSource(reference);
    if (source?.kind !== "ssm") continue;
    if (source.arn && source.arn.account !== account) continue;
    const name = source.name.startsWith("/") ? source.name : `/${source.name}`;
    const check = `parameter ${name}`;
    // DescribeParameters returns no value: existence only.
    const { Parameters = [] } = await clients.ssm.send(
      new DescribeParametersCommand({ ParameterFilters: [{ Key: "Name", Option: "Equals", Values: [name] }] }),
    );
    results.push(
      Parameters.some((p) => p.Name === name)
        ? { check, status: "ok", detail: "exists (its value is not read)" }
        : {
            check,
            status: "blocker",
            detail: `missing: the tasks cannot start; npm run bootstrap:secrets -- ${settings.stackName}`,
          },
    );
  }
  return results;
}

export function imagesCheck(json: StackJson): CheckResult {
  const definitions = Object.values(json.resource?.aws_ecs_task_definition ?? {}).map((t) =>
    String(t.container_definitions),
  );
  const hub = [...new Set(definitions.flatMap(dockerHubImages))];
  return hub.length === 0
    ? { check: "images", status: "ok", detail: "every image names its registry (none from Docker Hub)" }
    : {
        check: "images",
        status: "blocker",
        detail: `from Docker Hub, whose anonymous pulls through the NAT gateways are limited: ${hub.join(", ")}; use ECR or ECR Public (public.ecr.aws/docker/library/...)`,
      };
}

/** Every check, in order; the account's ID feeds the name checks. */
export async function preflight(
  clients: PreflightClients,
  settings: EnvironmentSettings,
  runtime: RuntimeSettings,
  json: StackJson,
): Promise<CheckResult[]> {
  const identity = await accountCheck(clients, settings.region);
  const { account, ...first } = identity;
  if (account === undefined) return [first];
  return [
    first,
    await stateBucketCheck(clients, settings, runtime),
    ...(await hostedZoneCheck(clients, settings)),
    await serviceLinkedRoleCheck(clients),
    ...(await globalNamesCheck(clients, settings, account)),
    ...(await secretsCheck(clients, settings, account)),
    imagesCheck(json),
  ];
}
