import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { EcsFargateStack } from "../../stacks/ecs-fargate-stack";
import { synthesizeOrExplain } from "../../stacks/synthesize";

describe("synthesizeOrExplain", () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
  });
  afterEach(() => {
    stderr.mockRestore();
    process.exitCode = undefined;
  });

  const outdir = () => fs.mkdtempSync(path.join(os.tmpdir(), "synthesize-"));

  it("writes the stack when the input is valid", () => {
    const app = new App({ outdir: outdir() });
    new EcsFargateStack(app, "ecs-fargate");
    expect(synthesizeOrExplain(app)).toBe(true);
    expect(fs.existsSync(path.join(app.outdir, "stacks", "ecs-fargate", "cdk.tf.json"))).toBe(true);
    expect(process.exitCode).toBeUndefined();
  });

  it("prints every problem, one a line, fails the process and writes nothing", () => {
    const app = new App({ outdir: outdir() });
    new EcsFargateStack(app, "ecs-fargate", { desiredCount: -1, logRetentionInDays: 100 });
    expect(synthesizeOrExplain(app)).toBe(false);
    expect(stderr.mock.calls.map(([text]) => String(text)).join("")).toBe(
      "2 problems in the stack's input; nothing was synthesized:\n" +
        "  ecs-fargate/log_group: `retentionInDays` must be one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got: 100\n" +
        "  ecs-fargate/service: `desiredCount` must be a whole number from 0, got: -1\n",
    );
    expect(process.exitCode).toBe(1);
    // The App makes empty folders when it is created; no file is written.
    const files = fs.readdirSync(app.outdir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files).toEqual([]);
  });
});
