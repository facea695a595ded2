// The set-up of integration tests that drive the plan runner (plan-review/planner.ts) on test-only
// stacks: an emulator of their own, the process environment pointed at it (the runner reads it, as
// `npm run plan` does), an output folder, and what the runner wrote for a stack.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Emulator, startEmulator } from "./emulator";

export interface PlanRunnerFixture {
  readonly emulator: () => Emulator;
  /** The runner's output folder (`<tmp>/cdktf.out`). */
  readonly out: () => string;
  /** Every file the runner wrote for a stack, as text: what could leak into a pull request. */
  readonly written: (stack: string) => [comment: string, text: string, json: string];
}

/** Registers the beforeAll/afterAll of one test file; `prefix` names its temporary folder. */
export function usePlanRunner(prefix: string): PlanRunnerFixture {
  let emulator: Emulator | undefined;
  let out = "";
  const saved = { ...process.env };
  beforeAll(async () => {
    emulator = await startEmulator();
    Object.assign(process.env, emulator.env);
    out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`)), "cdktf.out");
  });
  afterAll(async () => {
    process.env = saved;
    await emulator?.stop();
  });
  return {
    emulator: () => {
      if (!emulator) throw new Error("the emulator starts in beforeAll");
      return emulator;
    },
    out: () => out,
    written: (stack) => {
      const read = (file: string) => fs.readFileSync(path.join(out, "stacks", stack, file), "utf8");
      return [read("plan.md"), read("plan.txt"), read("plan.json")];
    },
  };
}
