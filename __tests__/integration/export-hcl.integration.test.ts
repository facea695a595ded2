// Integration: leaving CDKTF. Every stack exports to plain HCL (npm run export:hcl's code) that
// is a complete root module and that `terraform validate` passes with no error and no warning.
// That the HCL plans no change against a state applied from the JSON is proven on the dev
// stack's shared deploy (dev-stack-review.integration.test.ts, "leaving CDKTF"). What a stack only forgets (a
// `removed` block, prod's released parameter) is kept.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ENVIRONMENTS } from "../../config";
import { exportHcl } from "../../scripts/export-hcl/export";
import { Diagnostic } from "../helpers/export-hcl";
import { DEV_STACK, ROOT, terraform, terraformOk } from "../helpers/terraform";

jest.setTimeout(180_000);

describe("leaving CDKTF: the HCL export (integration)", () => {
  let out: string;
  let exported: Awaited<ReturnType<typeof exportHcl>>;
  let main: string;
  const dirOf = (stack: string) => exported.find((e) => e.stack === stack)?.dir ?? "";

  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "export-hcl-"));
    exported = await exportHcl({
      root: ROOT,
      outDir: path.join(out, "export"),
      synthOutDir: path.join(out, "cdktf.out"),
    });
    main = fs.readFileSync(path.join(dirOf(DEV_STACK), "main.tf"), "utf8");
  });

  it("exports every stack of the app", () => {
    expect(exported.map((e) => e.stack).sort()).toEqual(ENVIRONMENTS.map((e) => e.stackName).sort());
  });

  it.each(ENVIRONMENTS.map((e) => e.stackName))("%s validates with no error and no warning", (stack) => {
    terraformOk(dirOf(stack), ["init", "-backend=false", "-input=false", "-no-color"]);
    const validate = JSON.parse(terraform(dirOf(stack), ["validate", "-json", "-no-color"]).stdout) as {
      valid: boolean;
      diagnostics: Diagnostic[];
    };
    expect(validate).toMatchObject({ valid: true, diagnostics: [] });
  });

  it("is a root module: main.tf and the container definitions file it reads", () => {
    expect([...(exported.find((e) => e.stack === DEV_STACK)?.files ?? [])].sort()).toEqual([
      "container_definitions.json",
      "main.tf",
    ]);
    expect(main).toContain('container_definitions = file("${path.module}/container_definitions.json")');
    const containers = JSON.parse(fs.readFileSync(path.join(dirOf(DEV_STACK), "container_definitions.json"), "utf8"));
    expect(containers).toEqual([expect.objectContaining({ name: "example", image: "nginx:latest" })]);
  });

  it("keeps the provider and the state: default tags, the same local state file, the book's moves", () => {
    expect(main).toMatch(/provider "aws" \{[^]*default_tags \{/);
    // The JSON's local state sits beside its output folder (<out>/cdktf.out): the export names that file.
    const backend = /backend "local" \{\s*path = "([^"]+)"/.exec(main)?.[1] ?? "";
    expect(path.resolve(dirOf(DEV_STACK), backend)).toBe(path.join(out, `terraform.${DEV_STACK}.tfstate`));
    expect(main.match(/^moved \{/gm)).toHaveLength(9);
  });

  it("keeps what prod only forgets: its removed block (which cdktf's HCL leaves out), so no plan destroys the parameter", () => {
    const prod = fs.readFileSync(path.join(dirOf("ecs-fargate-prod"), "main.tf"), "utf8");
    expect(prod).toContain(
      "removed {\n  from = aws_ssm_parameter.app_secret\n\n  lifecycle {\n    destroy = false\n  }\n}\n",
    );
    expect(prod).not.toMatch(/resource "aws_ssm_parameter" "app_secret"/);
  });

  it("writes references bare: no quoted depends_on or ignore_changes, no interpolation-only strings", () => {
    expect(main).toContain("depends_on = [\n    aws_internet_gateway.example,\n  ]");
    expect(main).toMatch(/ignore_changes = \[\s*task_definition,?\s*\]/);
    expect(main).not.toMatch(/"\$\{[\w.]+\}"/);
  });
});
