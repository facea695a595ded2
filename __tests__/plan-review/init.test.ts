import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  asksForInit,
  forgetInitialized,
  initFingerprint,
  isInitialized,
  markInitialized,
} from "../../plan-review/init";

function stackFolder(terraform: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-review-init-"));
  fs.mkdirSync(path.join(dir, ".terraform"));
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify({ terraform, resource: {} }));
  fs.writeFileSync(path.join(dir, ".terraform.lock.hcl"), "# lock\n");
  return dir;
}

const backend = { backend: { s3: { bucket: "state", key: "dev/terraform.tfstate" } } };
const env = { TF_PROVIDER_MIRROR: "/opt/tf-plugins" };

describe("init only when needed", () => {
  it("is needed before the first init, and not after it for the same configuration", () => {
    const dir = stackFolder(backend);
    expect(isInitialized(dir, env)).toBe(false);
    markInitialized(dir, env);
    expect(isInitialized(dir, env)).toBe(true);
  });

  it("is needed again when the backend, the providers or their source change", () => {
    const dir = stackFolder(backend);
    markInitialized(dir, env);
    expect(isInitialized(dir, { TF_PROVIDER_MIRROR: "none" })).toBe(false);
    fs.writeFileSync(
      path.join(dir, "cdk.tf.json"),
      JSON.stringify({ terraform: { backend: { s3: { bucket: "other" } } }, resource: {} }),
    );
    expect(isInitialized(dir, env)).toBe(false);
  });

  it("is not affected by resources changing", () => {
    const dir = stackFolder(backend);
    const before = initFingerprint(dir, env);
    fs.writeFileSync(
      path.join(dir, "cdk.tf.json"),
      JSON.stringify({ terraform: backend, resource: { aws_vpc: { x: {} } } }),
    );
    expect(initFingerprint(dir, env)).toBe(before);
  });

  it("is needed without a lock file, and after validate forgot the backend", () => {
    const dir = stackFolder(backend);
    markInitialized(dir, env);
    forgetInitialized(dir);
    expect(isInitialized(dir, env)).toBe(false);
    markInitialized(dir, env);
    fs.rmSync(path.join(dir, ".terraform.lock.hcl"));
    expect(isInitialized(dir, env)).toBe(false);
  });

  it.each([
    ['Error: Backend initialization required, please run "terraform init"', true],
    ["Error: Inconsistent dependency lock file", true],
    ['Error: expected "source_json" to be an empty string', false],
  ])("reads Terraform asking for init: %s", (output, asks) => {
    expect(asksForInit(output)).toBe(asks);
  });
});
