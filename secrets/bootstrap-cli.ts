// npm run bootstrap:secrets -- <stack or environment>
// Creates the SecureString parameters the environment's containers read and its stack does not
// manage, with a placeholder value; a second run changes nothing. AWS credentials come from the
// environment (AWS_ENDPOINT_URL sends the calls to the local emulator instead).
import { SSMClient } from "@aws-sdk/client-ssm";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { ENVIRONMENTS } from "../config";
import { environmentNamed } from "../preflight/environment";
import { bootstrapSecrets, describeSecrets } from "./bootstrap";

function fail(line: string): never {
  process.stderr.write(`bootstrap:secrets: ${line}\n`);
  process.exit(1);
}

async function main(args: string[]): Promise<void> {
  const found = environmentNamed(ENVIRONMENTS, args, "npm run bootstrap:secrets -- <stack or environment>");
  if (typeof found === "string") fail(found);
  const ssm = new SSMClient({ region: found.region });
  const sts = new STSClient({ region: found.region });
  try {
    const { Account = "" } = await sts.send(new GetCallerIdentityCommand({}));
    process.stdout.write(describeSecrets(found.stackName, await bootstrapSecrets(found, Account, ssm)));
  } catch (error) {
    fail(`AWS refused: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  } finally {
    ssm.destroy();
    sts.destroy();
  }
}

// argv: node, scripts/run-app.js, this file, then the arguments.
void main(process.argv.slice(3));
