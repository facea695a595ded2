// Integration: secrets never reach state or a plan file. On the local endpoint, a stack with a
// parameter it creates (write-only placeholder) and one it only names is applied with its state
// in S3; real values are then set with the SDK, as an operator does, and a saved plan is made.
// Neither value may appear in `terraform show -json` of that plan, in the plan file's bytes
// (its zip entries, uncompressed), or in the state object in the bucket after a refresh. The
// control, the book's `value` + `ignore_changes` pattern, shows the test can fail: its value
// is in all three.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { GetParameterCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { STSClient } from "@aws-sdk/client-sts";
import { bootstrapStateBucket } from "../../state/bootstrap";
import { Emulator, startEmulator } from "../helpers/emulator";
import { planFileText } from "../helpers/plan-file";
import { ROOT, terraformOk } from "../helpers/terraform";

jest.setTimeout(180_000);

const BUCKET = "secrets-test-tfstate";
const KEY = "secrets/terraform.tfstate";
/** Unique per run, so that a match cannot be a coincidence. */
const VALUES = {
  "/secrets-test/db/password": `created-${process.pid}-${Date.now()}`,
  "/secrets-test/api/key": `named-${process.pid}-${Date.now()}`,
};
const CONTROL = `control-${process.pid}-${Date.now()}`;

describe("secrets stay out of state and plan files (integration)", () => {
  let emulator: Emulator;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let ssm: SSMClient;
  let s3: S3Client;
  const tf = (args: string[], expected?: number[]) => terraformOk(dir, [...args, "-no-color"], env, expected);

  beforeAll(async () => {
    emulator = await startEmulator();
    env = { ...emulator.env, TF_STATE_BUCKET: BUCKET };
    ssm = new SSMClient(emulator.client);
    s3 = new S3Client({ ...emulator.client, forcePathStyle: true });
    const sts = new STSClient(emulator.client);
    await bootstrapStateBucket({ bucket: BUCKET, region: "ap-northeast-1", s3, sts });
    sts.destroy();
    // The parameter the stack only names exists before, as `npm run bootstrap:secrets` makes it.
    await ssm.send(
      new PutParameterCommand({ Name: "/secrets-test/api/key", Type: "SecureString", Value: "uninitialized" }),
    );
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "secrets-")), "cdktf.out");
    const synth = spawnSync(
      "node",
      [
        path.join(ROOT, "scripts", "run-app.js"),
        path.join(ROOT, "__tests__", "integration", "fixtures", "secrets-app.ts"),
      ],
      { cwd: ROOT, env: { ...process.env, ...env, CDKTF_OUTDIR: out }, encoding: "utf8" },
    );
    if (synth.status !== 0) throw new Error(`secrets-app failed:\n${synth.stderr}`);
    dir = path.join(out, "stacks", "secrets");
    tf(["init", "-input=false"]);
    tf(["apply", "-input=false", "-auto-approve"]);
  });

  afterAll(async () => {
    ssm?.destroy();
    s3?.destroy();
    await emulator?.stop();
  });

  it("creates the stack's parameter holding the placeholder, sent write-only", async () => {
    const { Parameter } = await ssm.send(
      new GetParameterCommand({ Name: "/secrets-test/db/password", WithDecryption: true }),
    );
    expect(Parameter).toMatchObject({ Type: "SecureString", Value: "uninitialized" });
    const state = JSON.parse(tf(["show", "-json"]).stdout);
    const created = state.values.root_module.resources.find(
      (r: { address: string }) => r.address === "aws_ssm_parameter.db_password",
    );
    expect(created.values).toMatchObject({ value: "", value_wo: null, value_wo_version: 1 });
  });

  describe("after an operator sets the real values", () => {
    let shown: string;
    let planBytes: string;
    let stateObject: string;

    beforeAll(async () => {
      for (const [Name, Value] of [...Object.entries(VALUES), ["/secrets-test/book/pattern", CONTROL]]) {
        await ssm.send(new PutParameterCommand({ Name, Type: "SecureString", Value, Overwrite: true }));
      }
      // A saved plan, as the deploy workflow uploads it, and a refresh that writes the state.
      expect(tf(["plan", "-input=false", "-detailed-exitcode", "-out=after.tfplan"], [0, 2]).status).toBe(0);
      shown = tf(["show", "-json", "after.tfplan"]).stdout;
      planBytes = planFileText(path.join(dir, "after.tfplan"));
      tf(["apply", "-input=false", "-auto-approve", "-refresh-only"]);
      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }));
      stateObject = (await object.Body?.transformToString()) ?? "";
    });

    it.each(Object.entries(VALUES))("%s: its value is in no plan JSON, plan file or state object", (_, value) => {
      expect(shown).not.toContain(value);
      expect(planBytes).not.toContain(value);
      expect(stateObject).not.toContain(value);
    });

    it("the plan changes nothing: the placeholder is never written back", () => {
      expect(stateObject).toContain("aws_ssm_parameter");
      expect(JSON.parse(shown).resource_changes.map((c: any) => c.change.actions.join())).toEqual(["no-op", "no-op"]);
    });

    it("control: the book's value + ignore_changes keeps the real value in the plan JSON, the plan file and the state", () => {
      expect(shown).toContain(CONTROL);
      expect(planBytes).toContain(CONTROL);
      expect(stateObject).toContain(CONTROL);
    });
  });
});
