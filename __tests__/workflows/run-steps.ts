// What a workflow's `run:` step calls, read from its shell text: npm scripts, script files, and
// the bits of shell that glue them (`|| [ $? -eq 2 ]`). Anything else is reported as unknown, so
// that logic never hides in a workflow where no test or linter reaches it.

export type Command =
  | { readonly kind: "npm-script"; readonly name: string }
  | { readonly kind: "npm-builtin"; readonly name: string }
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "glue"; readonly word: string }
  | { readonly kind: "unknown"; readonly text: string };

/** npm's own commands a workflow may call: installing from the lock file. */
const NPM_BUILTINS = new Set(["ci"]);

/** Shell built-ins that only glue commands together (test an exit code, say why). */
const GLUE = new Set(["[", "test", "true", "echo"]);

function npmCommand(words: readonly string[]): Command {
  const [, sub = "", ...rest] = words;
  if (sub === "test" || sub === "t") return { kind: "npm-script", name: "test" };
  if (sub === "run" || sub === "run-script") {
    const name = rest.find((w) => !w.startsWith("-"));
    return name ? { kind: "npm-script", name } : { kind: "unknown", text: words.join(" ") };
  }
  if (NPM_BUILTINS.has(sub)) return { kind: "npm-builtin", name: sub };
  return { kind: "unknown", text: words.join(" ") };
}

/** The commands of a `run:` text, in order. */
export function commandsOf(run: string): Command[] {
  const commands: Command[] = [];
  for (const raw of run.split(/\n|&&|\|\||;|\|/)) {
    const text = raw.replace(/(^|\s)#.*$/, "").trim();
    if (text === "") continue;
    const words = text.split(/\s+/).filter((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) || w.includes("/"));
    const [first = ""] = words;
    if (first === "npm") commands.push(npmCommand(words));
    else if (first.startsWith("scripts/") || first.startsWith("./")) {
      commands.push({ kind: "file", path: first.replace(/^\.\//, "") });
    } else if (GLUE.has(first)) commands.push({ kind: "glue", word: first });
    else commands.push({ kind: "unknown", text });
  }
  return commands;
}
