import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { invokeAspects } from "cdktf/lib/synthesize/synthesizer";
import { Construct } from "constructs";
import { validationErrors as allValidationErrors } from "../../constructs/shared/validation";
import { projectApp, synthesizeOrExplain } from "../../stacks/synthesize";

/** What Terraform receives: the synthesized JSON of a stack. */
export interface TerraformJson {
  resource: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  output?: Record<string, any>;
  provider?: Record<string, any[]>;
  terraform?: Record<string, any>;
  removed?: { from: string; lifecycle: { destroy: boolean } }[];
}

/** An empty stack with the AWS provider, for testing one construct. */
export function testStack(): TerraformStack {
  const app: App = Testing.app();
  const stack = new TerraformStack(app, "test");
  new AwsProvider(stack, "aws", { region: "ap-northeast-1" });
  return stack;
}

export function synthJson(stack: TerraformStack): TerraformJson {
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

/** One resource's arguments as Terraform gets them, failing loudly when the address is missing. */
export function resource(json: TerraformJson, type: string, name: string): Record<string, any> {
  const found = json.resource[type]?.[name];
  if (!found) throw new Error(`no ${type}.${name} in: ${addresses(json).join(", ")}`);
  return found;
}

export function dataSource(json: TerraformJson, type: string, name: string): Record<string, any> {
  const found = json.data?.[type]?.[name];
  if (!found) throw new Error(`no data.${type}.${name} in: ${addresses(json).join(", ")}`);
  return found;
}

/** Every resource and data source address, sorted. */
export function addresses(json: TerraformJson): string[] {
  const list = (blocks: Record<string, Record<string, unknown>> | undefined, prefix: string) =>
    Object.entries(blocks ?? {}).flatMap(([type, byName]) =>
      Object.keys(byName).map((name) => `${prefix}${type}.${name}`),
    );
  return [...list(json.resource, ""), ...list(json.data, "data.")].sort();
}

/** Every validation error under `scope`, after the stacks' aspects (the synth-time checks) have run. */
export function validationErrors(scope: Construct): string[] {
  scope.node
    .findAll()
    .filter((c) => c instanceof TerraformStack)
    .forEach((stack) => invokeAspects(stack));
  return allValidationErrors(scope);
}

let outputs = 0;
/** What a construct's token (an exposed id or ARN) becomes in Terraform, read back through an output. */
export function resolved(stack: TerraformStack, value: unknown): unknown {
  const id = `resolved_${outputs++}`;
  new TerraformOutput(stack, id, { value });
  return synthJson(stack).output?.[id]?.value;
}

/**
 * Captures stderr (where a synth reports its problems) in each test of the enclosing `describe`,
 * and resets the exit code a failed synth sets: the spy, for `synthesizeInFolder`, as a getter.
 */
export function capturedStderr(): () => jest.SpyInstance {
  let stderr: jest.SpyInstance | undefined;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
  });
  afterEach(() => {
    stderr?.mockRestore();
    process.exitCode = undefined;
  });
  return () => {
    if (stderr === undefined) throw new Error("stderr is captured in a test only");
    return stderr;
  };
}

/**
 * Runs the app's synth step (`synthesizeOrExplain`) on an App in a fresh folder, with the stacks
 * `addStacks` makes, while stderr is captured (`jest.spyOn(process.stderr, "write")`): whether it
 * synthesized, the files it wrote (the App makes empty folders on its own) and what it printed.
 */
export function synthesizeInFolder<T>(addStacks: (app: App) => T, stderr: jest.SpyInstance) {
  const app = projectApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "synthesize-")) });
  const stacks = addStacks(app);
  const ok = synthesizeOrExplain(app);
  const files = fs
    .readdirSync(app.outdir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(app.outdir, path.join(e.parentPath, e.name)))
    .sort();
  return { ok, stacks, files, printed: stderr.mock.calls.map(([text]) => String(text)).join("") };
}
