import { App, TerraformStack } from "cdktf";
import { invokeAspects } from "cdktf/lib/synthesize/synthesizer";
import { validationErrors } from "../constructs/shared/validation";

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
    const count = errors.length === 1 ? "1 problem" : `${errors.length} problems`;
    process.stderr.write(
      `${count} in the stack's input; nothing was synthesized:\n${errors.map((e) => `  ${e}\n`).join("")}`,
    );
    process.exitCode = 1;
    return false;
  }
  app.synth();
  return true;
}
