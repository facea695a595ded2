// Leaving CDKTF: writes each stack as a Terraform root module in plain HCL that plans no
// change against the state the stack's JSON was applied to.
//   1. `cdktf synth --hcl` renders every stack as HCL (cdk.tf);
//   2. the app synthesizes the same stacks as JSON, the reference: CDKTF's HCL renderer
//      drops nothing we rely on, but its strings are not escaped for HCL, so values that
//      go to files (the container definitions) are taken from the JSON;
//   3. per stack, into <out>/<stack>/: main.tf with the rewrites of ./hcl.ts, and each
//      task definition's container definitions as a JSON file that main.tf reads;
//   4. `terraform fmt`.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runChecked, synthesize } from "../../tooling/process";
import {
  blocksForLooseAttributes,
  qualifyProviderSources,
  relocateLocalBackend,
  removedBlocks,
  replaceContainerDefinitions,
  rewriteStringAttributes,
  spaceTopLevelBlocks,
  unquoteMetaReferences,
  unwrapInterpolatedReferences,
} from "./hcl";

export interface ExportOptions {
  /** The project: where cdktf.json is. */
  readonly root: string;
  /** The folder that receives one folder per stack. */
  readonly outDir: string;
  /**
   * The output folder `cdktf synth`/`cdktf deploy` use for these stacks: a local backend's
   * path is relative to `<it>/stacks/<stack>`, and the export keeps it naming the same file.
   */
  readonly synthOutDir: string;
  /** The stacks to export. @default every stack of the app */
  readonly stacks?: readonly string[];
  /** Environment for the app (e.g. AWS_ENDPOINT_URL), on top of this process's. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface ExportedStack {
  readonly stack: string;
  /** The root module's folder. */
  readonly dir: string;
  /** The files written, relative to `dir`. */
  readonly files: readonly string[];
}

interface Manifest {
  readonly stacks: Record<string, { readonly synthesizedStackPath: string; readonly workingDirectory: string }>;
}

interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly moved?: readonly unknown[];
  readonly import?: readonly unknown[];
  readonly removed?: readonly unknown[];
}

/** The HCL file each exported stack gets. */
export const MAIN_FILE = "main.tf";

function readManifest(outdir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")) as Manifest;
}

/** How main.tf gets one task definition's container definitions: a file beside it, and the expression that reads it. */
interface ContainerDefinitionsFile {
  readonly file: string;
  readonly content: string;
  readonly expression: string;
}

const REFERENCE = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+$/;

/**
 * The container definitions of each task definition, pretty-printed as the project's own file
 * is, in a file main.tf reads: with `file()` when the value is literal JSON, with
 * `templatefile()` when it interpolates plain references (a secret's ARN), each reference
 * passed as a template variable named after it. Any other expression stays in main.tf.
 */
function containerDefinitionFiles(json: StackJson): Map<string, ContainerDefinitionsFile> {
  const entries = Object.entries(json.resource?.aws_ecs_task_definition ?? {}).flatMap(([name, taskDefinition]) => {
    const value = taskDefinition.container_definitions;
    return typeof value === "string" ? [[name, value] as const] : [];
  });
  const files = new Map<string, ContainerDefinitionsFile>();
  for (const [name, value] of entries) {
    const base = entries.length === 1 ? "container_definitions" : `container_definitions.${name}`;
    const references = [...value.matchAll(/\$\{([^{}]*)\}/g)].map((match) => match[1] ?? "");
    if (references.length === 0 && !value.includes("%{")) {
      const content = `${JSON.stringify(JSON.parse(value), null, 2)}\n`;
      files.set(name, { file: `${base}.json`, content, expression: `file("\${path.module}/${base}.json")` });
      continue;
    }
    if (value.includes("$${") || value.includes("%{") || !references.every((r) => REFERENCE.test(r))) continue;
    const variable = (reference: string) => reference.replace(/[.-]/g, "_");
    const template = value.replace(/\$\{([^{}]*)\}/g, (_whole, reference: string) => `\${${variable(reference)}}`);
    const content = `${JSON.stringify(JSON.parse(template), null, 2)}\n`;
    const variables = [...new Set(references)].map((reference) => `    ${variable(reference)} = ${reference}`);
    const expression = `templatefile("\${path.module}/${base}.json.tftpl", {\n${variables.join("\n")}\n  })`;
    files.set(name, { file: `${base}.json.tftpl`, content, expression });
  }
  return files;
}

/** Blocks Terraform JSON has at the top level that the exported HCL must have as many of. */
function checkTopLevelBlocks(stack: string, json: StackJson, hcl: string): void {
  for (const key of ["moved", "import", "removed"] as const) {
    const inJson = json[key]?.length ?? 0;
    const inHcl = hcl.match(new RegExp(`^${key}\\s*\\{`, "gm"))?.length ?? 0;
    if (inJson !== inHcl) {
      throw new Error(`${stack}: the JSON has ${inJson} \`${key}\` blocks and the exported HCL ${inHcl}: not exported`);
    }
  }
}

/** The HCL with the JSON's top-level `removed` blocks at its end, when cdktf's HCL has none of them. */
function withRemovedBlocks(stack: string, json: StackJson, hcl: string): string {
  const removed = json.removed ?? [];
  if (removed.length === 0 || /^removed\s*\{/m.test(hcl)) return hcl;
  return `${hcl.trimEnd()}\n\n${removedBlocks(stack, removed)}`;
}

/** Turns one stack's cdk.tf into the exported main.tf. */
export function rewriteStackHcl(
  hcl: string,
  options: {
    json: StackJson;
    synthesizedDir: string;
    exportDir: string;
    containerDefinitions: ReadonlyMap<string, string>;
  },
): string {
  let text = blocksForLooseAttributes(hcl);
  text = rewriteStringAttributes(text, options.json);
  text = unquoteMetaReferences(text);
  text = unwrapInterpolatedReferences(text);
  text = qualifyProviderSources(text);
  text = relocateLocalBackend(text, options.synthesizedDir, options.exportDir);
  text = replaceContainerDefinitions(text, options.containerDefinitions);
  return spaceTopLevelBlocks(text);
}

/** Exports the app's stacks; see the file's header. */
export async function exportHcl(options: ExportOptions): Promise<ExportedStack[]> {
  const env = options.env ?? {};
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "export-hcl-"));
  try {
    const hclOut = path.join(work, "hcl");
    const jsonOut = path.join(work, "json");
    const cdktf = path.join(options.root, "node_modules", ".bin", "cdktf");
    await runChecked(cdktf, ["synth", "--hcl", "--output", hclOut], { cwd: options.root, env });
    await synthesize(options.root, jsonOut, env);

    const hclManifest = readManifest(hclOut);
    const jsonManifest = readManifest(jsonOut);
    const available = Object.keys(hclManifest.stacks);
    const stacks = options.stacks?.length ? options.stacks : available;
    const unknown = stacks.filter((stack) => !available.includes(stack));
    if (unknown.length > 0) {
      throw new Error(`no stack named ${unknown.join(", ")}; the app has: ${available.join(", ")}`);
    }

    const exported: ExportedStack[] = [];
    for (const stack of stacks) {
      const hclStack = hclManifest.stacks[stack];
      const jsonStack = jsonManifest.stacks[stack];
      if (!hclStack || !jsonStack) throw new Error(`${stack}: missing from a manifest`);
      const hcl = fs.readFileSync(path.join(hclOut, hclStack.synthesizedStackPath), "utf8");
      const json = JSON.parse(fs.readFileSync(path.join(jsonOut, jsonStack.synthesizedStackPath), "utf8")) as StackJson;

      const dir = path.resolve(options.outDir, stack);
      const files = containerDefinitionFiles(json);
      const main = withRemovedBlocks(
        stack,
        json,
        rewriteStackHcl(hcl, {
          json,
          synthesizedDir: path.resolve(options.synthOutDir, hclStack.workingDirectory),
          exportDir: dir,
          containerDefinitions: new Map([...files].map(([name, { expression }]) => [name, expression])),
        }),
      );
      checkTopLevelBlocks(stack, json, main);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, MAIN_FILE), main);
      for (const { file, content } of files.values()) fs.writeFileSync(path.join(dir, file), content);
      await runChecked("terraform", ["fmt", "-no-color", "."], { cwd: dir, env });
      exported.push({ stack, dir, files: [MAIN_FILE, ...[...files.values()].map(({ file }) => file)] });
    }
    return exported;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
