// npm run bootstrap:state -- <bucket> [--region <region>]
// Creates the S3 bucket for the stacks' state, or brings an existing one of this account
// into line; a second run changes nothing. AWS credentials come from the environment
// (AWS_ENDPOINT_URL sends the calls to the local emulator instead).
import { S3Client } from "@aws-sdk/client-s3";
import { STSClient } from "@aws-sdk/client-sts";
import { ENVIRONMENTS } from "../config";
import { awsRegion, s3BucketName } from "../constructs/shared/rules";
import { show } from "../constructs/shared/validation";
import { bootstrapStateBucket, BootstrapRefusal, describeBootstrap } from "./bootstrap";

const USAGE = "usage: npm run bootstrap:state -- <bucket> [--region <region>]";

function fail(line: string): never {
  process.stderr.write(`bootstrap:state: ${line}\n`);
  process.exit(1);
}

async function main(args: string[]): Promise<void> {
  const flag = args.indexOf("--region");
  const region = flag >= 0 ? args[flag + 1] : (ENVIRONMENTS[0]?.region ?? "ap-northeast-1");
  const positional = args.filter((_, i) => flag < 0 || (i !== flag && i !== flag + 1));
  const [bucket, ...extra] = positional;
  if (bucket === undefined || extra.length > 0 || region === undefined) fail(USAGE);
  const badBucket = s3BucketName(bucket);
  if (badBucket) fail(`the bucket name ${badBucket}, got: ${show(bucket)}`);
  const badRegion = awsRegion(region);
  if (badRegion) fail(`--region ${badRegion}, got: ${show(region)}`);

  // The SDK reads AWS_ENDPOINT_URL itself; an emulator needs path-style bucket addressing.
  const local = Boolean(process.env.AWS_ENDPOINT_URL);
  const s3 = new S3Client({ region, forcePathStyle: local, followRegionRedirects: true });
  const sts = new STSClient({ region });
  try {
    process.stdout.write(describeBootstrap(await bootstrapStateBucket({ bucket, region, s3, sts })));
  } catch (error) {
    if (error instanceof BootstrapRefusal) fail(error.message);
    fail(`AWS refused: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  } finally {
    s3.destroy();
    sts.destroy();
  }
}

// argv: node, scripts/run-app.js, this file, then the arguments.
void main(process.argv.slice(3));
