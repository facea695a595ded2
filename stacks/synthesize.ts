import { App, TerraformStack } from "cdktf";
import { invokeAspects } from "cdktf/lib/synthesize/synthesizer";
// The module object itself, not an import namespace (whose properties cannot be assigned).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import tokenCreationStacks = require("cdktf/lib/tokens/private/stack-trace");
import { validationErrors } from "../constructs/shared/validation";

/**
 * Every CDKTF token records the whole stack of its creation, shown only when the token fails to
 * resolve: an eighth of the app's time, and most of a unit test's under jest's source maps. No
 * stack trace reaches the user anyway (`runApp`); `DEBUG_SYNTH=1` keeps them for debugging.
 * CDKTF 0.21 is its last release: this private module will not move.
 */
export function recordNoTokenCreationStacks(): void {
  if (process.env.DEBUG_SYNTH === "1") return;
  Object.assign(tokenCreationStacks, { captureStackTrace: (): string[] => [] });
}

/**
 * The App as the project synthesizes it: `synthesizeOrExplain` has run every validation before
 * `app.synth()`, so CDKTF's second pass is skipped (it adds a `terraform version` subprocess per
 * stack with moves); no stack traces are recorded in the construct metadata (not in the output)
 * nor in tokens (`recordNoTokenCreationStacks`).
 */
export function projectApp(options: { readonly outdir?: string } = {}): App {
  recordNoTokenCreationStacks();
  return new App({ ...options, skipValidation: true, stackTraces: false });
}

/** Prints the problems, one a line under a count, and sets a failing exit code. */
function explain(errors: readonly string[]): void {
  const count = errors.length === 1 ? "1 problem" : `${errors.length} problems`;
  process.stderr.write(
    `${count} in the stack's input; nothing was synthesized:\n${errors.map((e) => `  ${e}\n`).join("")}`,
  );
  process.exitCode = 1;
}

/**
 * Synthesizes the app only when every construct's input is valid. Otherwise prints
 * every problem, one a line, and sets a failing exit code: nothing is written, so a
 * previous good `cdktf.out` stays as it was.
 */
export function synthesizeOrExplain(app: App): boolean {
  // The aspects (the synth-time checks) first: in strict mode their findings are errors.
  app.node
    .findAll()
    .filter((c) => c instanceof TerraformStack)
    .forEach((stack) => invokeAspects(stack));
  const errors = validationErrors(app);
  if (errors.length > 0) {
    explain(errors);
    return false;
  }
  app.synth();
  return true;
}

/**
 * The app's whole run: builds the app and synthesizes it (`synthesizeOrExplain`). Whatever
 * goes wrong on the way (a value no check foresaw, a file that cannot be written) becomes
 * one line and a failing exit code: no stack trace reaches the user. `DEBUG_SYNTH=1` prints
 * the stack trace for whoever debugs the app itself.
 */
export function runApp(build: () => App): boolean {
  try {
    return synthesizeOrExplain(build());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const firstLine = message.split("\n").find((line) => line.trim() !== "") ?? "unknown error";
    explain([
      `the app stopped before synthesizing: ${firstLine.trim()} (a bug the checks missed: run with DEBUG_SYNTH=1 for the stack trace, and report it)`,
    ]);
    if (process.env.DEBUG_SYNTH === "1" && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return false;
  }
}
