// What the project's own code imports at run time (every tracked .ts file outside __tests__: the app,
// the constructs, the plan review, the release and the other commands) is a dependency, not a
// devDependency: `npm ci --omit=dev` or a packager that drops dev packages keeps what the commands need.
import { execFileSync } from "child_process";
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The package a module specifier names (`@scope/name/deep/path` -> `@scope/name`), or undefined for a relative or built-in one. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("node:")) return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? "");
  return builtinModules.includes(name) ? undefined : name;
}

function runtimeImports(): Map<string, string[]> {
  const files = execFileSync("git", ["ls-files", "*.ts"], { cwd: ROOT, encoding: "utf8" })
    .split("\n")
    .filter((file) => file !== "" && !file.startsWith("__tests__/"));
  const imports = new Map<string, string[]>();
  for (const file of files) {
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const [, specifier = ""] of source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"/gm)) {
      const name = packageOf(specifier);
      if (name) imports.set(name, [...(imports.get(name) ?? []), file]);
    }
  }
  return imports;
}

describe("the packages the project's code imports at run time", () => {
  it("finds the ones it must (a check that reads nothing proves nothing)", () => {
    const imports = runtimeImports();
    expect([...imports.keys()]).toEqual(
      expect.arrayContaining(["cdktf", "@cdktf/provider-aws", "@aws-sdk/client-ecs"]),
    );
  });

  it("are all dependencies, none only a devDependency", () => {
    const notDependencies = [...runtimeImports()]
      .filter(([name]) => !(name in manifest.dependencies))
      .map(([name, files]) => `${name} (${files.join(", ")})`);
    expect(notDependencies).toEqual([]);
  });

  it("reads a specifier's package as npm names it", () => {
    expect(packageOf("@cdktf/provider-aws/lib/vpc")).toBe("@cdktf/provider-aws");
    expect(packageOf("cdktf")).toBe("cdktf");
    expect(packageOf("jsonc-parser/lib/esm/main")).toBe("jsonc-parser");
    expect(packageOf("./stacks")).toBeUndefined();
    expect(packageOf("fs")).toBeUndefined();
    expect(packageOf("node:path")).toBeUndefined();
  });
});
