// The text rewrites that turn `cdktf synth --hcl` output (cdk.tf) into HCL a person keeps
// and Terraform validates without a warning. Pure functions, text in, text out; none of
// them touches the body of a heredoc (`<<EOF` ... `EOF`), where CDKTF writes multi-line strings.
import * as path from "path";

/** The lines of `hcl`, each marked when it is inside a heredoc's body (its closing marker included). */
function markHeredocs(hcl: string): { line: string; heredoc: boolean }[] {
  let marker: string | undefined;
  return hcl.split("\n").map((line) => {
    if (marker !== undefined) {
      if (line.trim() === marker) marker = undefined;
      return { line, heredoc: true };
    }
    marker = /<<-?([A-Za-z_][\w-]*)\s*$/.exec(line)?.[1];
    return { line, heredoc: false };
  });
}

/** Applies `rewrite` to each stretch of text outside heredoc bodies. */
function outsideHeredocs(hcl: string, rewrite: (text: string) => string): string {
  const stretches: { text: string[]; heredoc: boolean }[] = [];
  for (const { line, heredoc } of markHeredocs(hcl)) {
    const last = stretches[stretches.length - 1];
    if (last?.heredoc === heredoc) last.text.push(line);
    else stretches.push({ text: [line], heredoc });
  }
  return stretches.map(({ text, heredoc }) => (heredoc ? text.join("\n") : rewrite(text.join("\n")))).join("\n");
}

/**
 * `depends_on = ["aws_x.y"]` and `ignore_changes = ["task_definition"]`: CDKTF quotes the
 * references in these two meta-arguments, which Terraform deprecates ("Quoted references
 * are deprecated"). Written bare, they mean the same.
 */
export function unquoteMetaReferences(hcl: string): string {
  return outsideHeredocs(hcl, (text) =>
    text
      .replace(
        /^(\s*(?:depends_on|ignore_changes)\s*=\s*)\[([^\]]*)\]/gm,
        (_whole, head: string, items: string) => `${head}[${items.replace(/"([A-Za-z_][\w.-]*)"/g, "$1")}]`,
      )
      .replace(/^(\s*ignore_changes\s*=\s*)"all"/gm, "$1all"),
  );
}

/**
 * `"${aws_vpc.example.id}"` -> `aws_vpc.example.id`: a string that is one interpolated
 * reference and nothing else. `terraform fmt` unwraps these in attribute values but not
 * in list items, where CDKTF writes most of them. Strings with text around the
 * interpolation, or any expression other than a plain reference, stay as they are.
 */
export function unwrapInterpolatedReferences(hcl: string): string {
  return outsideHeredocs(hcl, (text) => text.replace(/"\$\{([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+)\}"/g, "$1"));
}

/** `source = "aws"` -> `source = "hashicorp/aws"`: the same provider, written as people do. */
export function qualifyProviderSources(hcl: string): string {
  return outsideHeredocs(hcl, (text) => text.replace(/^(\s*source\s*=\s*)"([a-z0-9-]+)"$/gm, '$1"hashicorp/$2"'));
}

/**
 * A local backend's `path` is relative to the folder Terraform runs in. CDKTF writes it for
 * `<output>/stacks/<stack>`; from the export folder the same file has another relative path.
 * An absolute path stays as it is.
 */
export function relocateLocalBackend(hcl: string, synthesizedDir: string, exportDir: string): string {
  return outsideHeredocs(hcl, (text) =>
    text.replace(/(backend\s+"local"\s*\{[^}]*?\bpath\s*=\s*)"([^"]*)"/, (_whole, head: string, file: string) => {
      if (path.isAbsolute(file)) return `${head}"${file}"`;
      const relative = path.relative(exportDir, path.resolve(synthesizedDir, file)).split(path.sep).join("/");
      return `${head}"${relative}"`;
    }),
  );
}

/**
 * Replaces the one-line `container_definitions = ...` of each `aws_ecs_task_definition` named
 * in `expressions` (resource name to HCL expression, e.g. `file("${path.module}/x.json")`).
 * CDKTF writes every block's header and closing brace at the start of a line.
 */
export function replaceContainerDefinitions(hcl: string, expressions: ReadonlyMap<string, string>): string {
  let taskDefinition: string | undefined;
  return markHeredocs(hcl)
    .map(({ line, heredoc }) => {
      if (heredoc) return line;
      const header = /^resource\s+"([^"]+)"\s+"([^"]+)"/.exec(line);
      if (header) taskDefinition = header[1] === "aws_ecs_task_definition" ? header[2] : undefined;
      else if (line.startsWith("}")) taskDefinition = undefined;
      const attribute = /^(\s*container_definitions\s*=\s*)\S/.exec(line);
      const expression = taskDefinition === undefined ? undefined : expressions.get(taskDefinition);
      return attribute && expression !== undefined ? `${attribute[1] ?? ""}${expression}` : line;
    })
    .join("\n");
}

/**
 * A Terraform JSON string (a template: literal text and `${...}` interpolations) as an HCL
 * quoted template: backslashes, quotes and control characters escaped in the literal text,
 * the interpolations kept as they are.
 */
export function hclString(template: string): string {
  let out = "";
  let depth = 0; // inside ${ ... } (or %{ ... }), counting braces
  let quoted = false; // inside a string within an interpolation
  for (let i = 0; i < template.length; i++) {
    const c = template[i] ?? "";
    if (depth > 0) {
      out += c;
      if (quoted) {
        if (c === "\\") out += template[++i] ?? "";
        else if (c === '"') quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === "{") depth++;
      else if (c === "}") depth--;
      continue;
    }
    const next = template[i + 1];
    if ((c === "$" || c === "%") && next === c && template[i + 2] === "{") {
      out += `${c}${c}{`; // an escaped $${ or %%{: literal text
      i += 2;
    } else if ((c === "$" || c === "%") && next === "{") {
      out += `${c}{`;
      depth = 1;
      i++;
    } else if (c === "\\") out += "\\\\";
    else if (c === '"') out += '\\"';
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else out += c;
  }
  return `"${out}"`;
}

type Blocks = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/**
 * CDKTF's HCL renderer escapes a string's quotes only when it holds no `${`, and never its
 * backslashes, so such strings come out unparseable or changed. Each one-line string attribute
 * at the top of a `resource` or `data` block is written again from the stack's JSON, the
 * reference. (Multi-line strings are heredocs, which need no escaping.)
 */
export function rewriteStringAttributes(hcl: string, json: { resource?: Blocks; data?: Blocks }): string {
  let block: Readonly<Record<string, unknown>> | undefined;
  return markHeredocs(hcl)
    .map(({ line, heredoc }) => {
      if (heredoc) return line;
      const header = /^(resource|data)\s+"([^"]+)"\s+"([^"]+)"\s*\{/.exec(line);
      if (header) {
        const kind = header[1] === "resource" ? json.resource : json.data;
        const found = kind?.[header[2] ?? ""]?.[header[3] ?? ""];
        block = typeof found === "object" && found !== null ? (found as Record<string, unknown>) : undefined;
        return line;
      }
      if (/^\S/.test(line)) block = undefined;
      const attribute = /^( {2}([A-Za-z_][\w-]*)\s*=\s*)".*"\s*$/.exec(line);
      const value = attribute ? block?.[attribute[2] ?? ""] : undefined;
      return attribute && typeof value === "string" && !value.includes("\n")
        ? `${attribute[1] ?? ""}${hclString(value)}`
        : line;
    })
    .join("\n");
}

/**
 * One blank line between top-level blocks, none before a closing brace, never two in a row:
 * CDKTF joins some blocks with no blank line and leaves empty lines in the `terraform`
 * block, and `terraform fmt` changes neither.
 */
export function spaceTopLevelBlocks(hcl: string): string {
  const spaced: { line: string; heredoc: boolean }[] = [];
  const blankAtEnd = () => {
    const last = spaced[spaced.length - 1];
    return last !== undefined && !last.heredoc && last.line.trim() === "";
  };
  for (const { line, heredoc } of markHeredocs(hcl)) {
    if (!heredoc) {
      if (line.trim() === "" && (spaced.length === 0 || blankAtEnd())) continue;
      if (/^\s*}/.test(line)) while (blankAtEnd()) spaced.pop();
      else if (/^[a-z]/.test(line) && spaced.length > 0 && !blankAtEnd()) spaced.push({ line: "", heredoc: false });
    }
    spaced.push({ line, heredoc });
  }
  while (blankAtEnd()) spaced.pop();
  return `${spaced.map(({ line }) => line).join("\n")}\n`;
}

/** The comment CDKTF writes above an attribute its binding types loosely (it renders blocks as `name = { ... }`). */
const LOOSE_ATTRIBUTE_WARNING = /^\s*# Warning: The following attribute is of an unexpected type\./;

/**
 * CDKTF's binding types some deeply nested blocks loosely (a WAF rule's `statement`), and its
 * HCL renderer then writes them as object attributes, `statement = { ... }`, which Terraform
 * rejects; it says so in a comment above. Each such attribute is written as the nested blocks
 * it stands for, and the comment dropped. A list of objects there cannot be told from a list
 * attribute: the export stops.
 */
export function blocksForLooseAttributes(hcl: string): string {
  const lines = hcl.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!LOOSE_ATTRIBUTE_WARNING.test(lines[i] ?? "")) {
      out.push(lines[i] ?? "");
      continue;
    }
    while (/^\s*#/.test(lines[i] ?? "")) i++; // the comment
    while ((lines[i] ?? "").trim() === "") i++;
    const start = /^(\s*)[A-Za-z_][\w-]*\s*=\s*\{\s*$/.exec(lines[i] ?? "");
    if (!start) throw new Error(`a loosely typed attribute that is not an object, at: ${lines[i] ?? ""}`);
    const indent = start[1] ?? "";
    for (; i < lines.length; i++) {
      const line = lines[i] ?? "";
      if (/=\s*\[\s*$/.test(line) && /^\s*\{/.test(lines[i + 1] ?? "")) {
        throw new Error(`a list of objects in a loosely typed attribute, at: ${line.trim()}`);
      }
      out.push(line.replace(/^(\s*[A-Za-z_][\w-]*)\s*=\s*\{\s*$/, "$1 {"));
      if (line === `${indent}}`) break;
    }
  }
  return out.join("\n");
}

/**
 * The HCL of Terraform JSON's top-level `removed` blocks, which `cdktf synth --hcl` leaves out (it
 * renders no top-level override): without them, the exported module would plan to destroy what
 * the stack only forgets. A block of another shape is refused, naming it, rather than half-written.
 */
export function removedBlocks(stack: string, removed: readonly unknown[]): string {
  return removed
    .map((block, i) => {
      const { from, lifecycle, ...rest } = (block ?? {}) as Record<string, unknown>;
      const { destroy, ...otherLifecycle } = (lifecycle ?? {}) as Record<string, unknown>;
      const known =
        typeof from === "string" &&
        /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)+$/.test(from) &&
        Object.keys(rest).length === 0 &&
        Object.keys(otherLifecycle).length === 0 &&
        (destroy === undefined || typeof destroy === "boolean");
      if (!known) {
        throw new Error(
          `${stack}: removed[${i}] is not a block the export writes (from, lifecycle.destroy): ${JSON.stringify(block)}`,
        );
      }
      const body = typeof destroy === "boolean" ? `\n\n  lifecycle {\n    destroy = ${destroy}\n  }` : "";
      return `removed {\n  from = ${from}${body}\n}\n`;
    })
    .join("\n");
}
