// Local mode only: creates on the local emulator what a stack looks up and a real account already has,
// so that `npm run plan` and `npm run deploy:local` need no hand step on a fresh emulator. Today that is
// the Route 53 hosted zone of `data.aws_route53_zone` (prod's domain: a registered domain has its zone
// before any stack runs). Local mode is an endpoint (`AWS_ENDPOINT_URL`, config/runtime.ts) that answers
// as the emulator does (`GET /moto-api/`); against real AWS, or any other endpoint, nothing is created.
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as path from "path";
import { CreateHostedZoneCommand, ListHostedZonesByNameCommand, Route53Client } from "@aws-sdk/client-route-53";
import { runtimeFromEnvironment } from "../../config/runtime";

/** A hosted zone a synthesized stack looks up by name. */
export interface LookedUpZone {
  readonly stack: string;
  readonly name: string;
  readonly privateZone: boolean;
}

/** The hosted zones each stack's `data.aws_route53_zone` looks up (literal names only). */
export function lookedUpZones(out: string, stacks: readonly string[]): LookedUpZone[] {
  return stacks.flatMap((stack) => {
    const json = JSON.parse(fs.readFileSync(path.join(out, "stacks", stack, "cdk.tf.json"), "utf8")) as {
      data?: { aws_route53_zone?: Record<string, { name?: unknown; private_zone?: unknown }> };
    };
    return Object.values(json.data?.aws_route53_zone ?? {})
      .filter((zone) => typeof zone.name === "string" && !zone.name.includes("${"))
      .map((zone) => ({ stack, name: String(zone.name).replace(/\.$/, ""), privateZone: zone.private_zone === true }));
  });
}

/** Whether the endpoint is the local emulator: it answers moto's own `GET /moto-api/` with 200. */
export function isEmulator(endpoint: string, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL("/moto-api/", endpoint);
    } catch {
      resolve(false);
      return;
    }
    const get = url.protocol === "https:" ? https.get : url.protocol === "http:" ? http.get : undefined;
    if (!get) {
      resolve(false);
      return;
    }
    const request = get(url, { timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(false));
  });
}

/**
 * In local mode, creates every hosted zone the stacks look up and the emulator lacks, and returns one
 * line for each; outside it, returns nothing and calls nothing but the endpoint's `/moto-api/`.
 * Never throws: a failure is one line, and the plan then reports the missing zone itself.
 */
export async function prepareLocalEndpoint(
  out: string,
  stacks: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[]> {
  const { endpoint } = runtimeFromEnvironment(env);
  if (endpoint === undefined) return [];
  const zones = lookedUpZones(out, stacks);
  if (zones.length === 0 || !(await isEmulator(endpoint))) return [];
  // Route 53 is global: its endpoint signs in us-east-1.
  const route53 = new Route53Client({ endpoint, region: "us-east-1" });
  const lines: string[] = [];
  try {
    for (const zone of zones) {
      const { HostedZones = [] } = await route53.send(new ListHostedZonesByNameCommand({ DNSName: zone.name }));
      const exists = HostedZones.some(
        (z) => z.Name?.replace(/\.$/, "") === zone.name && (z.Config?.PrivateZone ?? false) === zone.privateZone,
      );
      if (exists) continue;
      await route53.send(
        new CreateHostedZoneCommand({
          Name: zone.name,
          CallerReference: `local-mode-${zone.name}-${Date.now()}`,
          HostedZoneConfig: { Comment: "created by the project's local mode", PrivateZone: zone.privateZone },
        }),
      );
      lines.push(
        `local mode: created the Route 53 hosted zone ${zone.name} on the emulator, which ${zone.stack} looks up ` +
          "(a real account already has it)",
      );
    }
  } catch (error) {
    lines.push(`local mode: could not create a hosted zone on the emulator: ${(error as Error).message}`);
  } finally {
    route53.destroy();
  }
  return lines;
}
