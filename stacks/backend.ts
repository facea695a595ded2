// Where a stack's Terraform state lives: a local file by default, or an S3 bucket with
// S3-native locking. Against the emulator both stay apart from a real deploy's.
import { LocalBackend, S3Backend, TerraformStack } from "cdktf";
import { EnvironmentSettings, RuntimeSettings } from "../config";

/** The state bucket of an environment in this run: `TF_STATE_BUCKET` first, then the environment's setting. */
export function stateBucket(settings: EnvironmentSettings, runtime: RuntimeSettings): string | undefined {
  return runtime.stateBucket ?? settings.state.bucket;
}

/** The state object's key: one per stack. */
export function stateKey(settings: EnvironmentSettings): string {
  return settings.state.key ?? `${settings.stackName}/terraform.tfstate`;
}

export function configureBackend(stack: TerraformStack, settings: EnvironmentSettings, runtime: RuntimeSettings): void {
  const bucket = stateBucket(settings, runtime);
  if (bucket === undefined) {
    // Relative to <output>/stacks/<stack>, where Terraform runs: beside the output folder (the
    // project root for cdktf.out, .local for the emulator's .local/cdktf.out). The emulator's
    // state is named apart so that it never mixes with a real one.
    const file =
      runtime.endpoint === undefined
        ? `terraform.${stack.node.id}.tfstate`
        : `terraform.${stack.node.id}.emulator.tfstate`;
    new LocalBackend(stack, { path: `../../../${file}` });
    return;
  }
  const backend = new S3Backend(stack, {
    bucket,
    key: stateKey(settings),
    region: settings.state.region ?? settings.region,
    encrypt: true,
    dynamodbTable: settings.state.dynamodbTable,
  });
  if (settings.state.dynamodbTable === undefined) {
    // S3-native locking (Terraform 1.10+): a `<key>.tflock` object written with If-None-Match.
    // CDKTF 0.21's S3Backend has no property for it. Left out with a DynamoDB table, which is
    // for Terraform older than 1.10: those versions reject the argument.
    backend.addOverride("use_lockfile", true);
  }
  if (runtime.endpoint !== undefined) {
    // Only against the emulator: its S3, path-style, test credentials, no account checks.
    backend.addOverride("endpoints", { s3: runtime.endpoint });
    backend.addOverride("use_path_style", true);
    backend.addOverride("access_key", "test");
    backend.addOverride("secret_key", "test");
    backend.addOverride("skip_credentials_validation", true);
    backend.addOverride("skip_requesting_account_id", true);
    backend.addOverride("skip_region_validation", true);
    backend.addOverride("skip_metadata_api_check", true);
  }
}
