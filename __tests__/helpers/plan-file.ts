import { spawnSync } from "child_process";

/**
 * Every entry of a saved plan (a zip file: the plan, the refreshed state, the configuration),
 * uncompressed, as one string: what a reader of the artifact could extract. The raw bytes are
 * compressed, so a value missing from them proves nothing.
 */
export function planFileText(file: string): string {
  const read = spawnSync(
    "python3",
    [
      "-c",
      "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); sys.stdout.buffer.write(b''.join(z.read(n) for n in z.namelist()))",
      file,
    ],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (read.status !== 0) throw new Error(`cannot read ${file}: ${read.stderr}`);
  return read.stdout;
}
