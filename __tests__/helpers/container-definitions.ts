import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(__dirname, "..", "fixtures", "container-definitions");

/** A container definitions file of the tests' own (`__tests__/fixtures/container-definitions/<name>.json`). */
export function fixtureFile(name = "nginx"): string {
  return path.join(FIXTURES, `${name}.json`);
}

/**
 * The containers of a fixture file, as a fresh object to change in a test: what a construct's
 * tests read, so that a container added to the application's files breaks none of them.
 */
export function fixtureContainers(name = "nginx"): any[] {
  return JSON.parse(fs.readFileSync(fixtureFile(name), "utf8"));
}

/** The note's container definitions (dev's `container_definitions.json`): only for the tests about the note's stack. */
export function noteContainers(): any[] {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "container_definitions.json"), "utf8"));
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
