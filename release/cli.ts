// How the release commands end: a refusal or failure is one line on stderr (no stack trace), and
// an exit code: 2 for a usage mistake, 1 for a refusal or a failed deployment.
import { ReleaseError } from "./errors";

export function runCommand(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof ReleaseError) {
        process.stderr.write(`${name}: ${error.message}\n`);
        process.exit(error.exitCode);
      }
      const { name: kind, message } = error instanceof Error ? error : { name: "Error", message: String(error) };
      process.stderr.write(`${name}: AWS refused: ${kind}: ${message.split("\n")[0]}\n`);
      process.exit(1);
    },
  );
}
