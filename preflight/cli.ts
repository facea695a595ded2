// npm run preflight -- <stack or environment>
// Read-only checks before an environment's first real deploy, one line each; exits non-zero
// on a blocker. AWS credentials come from the environment (AWS_ENDPOINT_URL sends the calls to
// the local emulator instead).
import { IAMClient } from "@aws-sdk/client-iam";
import { Route53Client } from "@aws-sdk/client-route-53";
import { S3Client } from "@aws-sdk/client-s3";
import { SSMClient } from "@aws-sdk/client-ssm";
import { STSClient } from "@aws-sdk/client-sts";
import { ENVIRONMENTS, runtimeFromEnvironment } from "../config";
import { stacksInMemory } from "../stacks/in-memory";
import { preflight } from "./checks";
import { environmentNamed } from "./environment";
import { describeChecks, exitCode } from "./report";

function fail(line: string): never {
  process.stderr.write(`preflight: ${line}\n`);
  process.exit(2);
}

async function main(args: string[]): Promise<void> {
  const settings = environmentNamed(ENVIRONMENTS, args, "npm run preflight -- <stack or environment>");
  if (typeof settings === "string") fail(settings);
  const runtime = runtimeFromEnvironment(process.env);
  const json = stacksInMemory(ENVIRONMENTS, runtime).get(settings.stackName);
  if (!json) fail(`${settings.stackName}'s settings are broken: run npm run synth to see why`);
  const region = settings.region;
  // IAM and Route 53 are global: their endpoint is in us-east-1.
  const clients = {
    sts: new STSClient({ region }),
    s3: new S3Client({ region, forcePathStyle: Boolean(runtime.endpoint), followRegionRedirects: true }),
    iam: new IAMClient({ region: "us-east-1" }),
    route53: new Route53Client({ region: "us-east-1" }),
    ssm: new SSMClient({ region }),
  };
  try {
    const results = await preflight(clients, settings, runtime, json);
    process.stdout.write(describeChecks(settings.stackName, results));
    process.exitCode = exitCode(results);
  } catch (error) {
    fail(`AWS refused: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  } finally {
    for (const client of Object.values(clients)) client.destroy();
  }
}

// argv: node, scripts/run-app.js, this file, then the arguments.
void main(process.argv.slice(3));
