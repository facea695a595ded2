import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The note's container definitions, as a fresh object to change in a test. */
export function noteContainers(): any[] {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "container_definitions.json"), "utf8"));
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "container-definitions-"));
let files = 0;

/** Writes a container definitions file (a value as JSON, or raw text) and returns its path and message label. */
export function definitionsFile(content: unknown): { file: string; label: string } {
  const file = path.join(dir, `${files++}`, "container_definitions.json");
  fs.mkdirSync(path.dirname(file));
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return { file, label: path.relative(process.cwd(), file) };
}
