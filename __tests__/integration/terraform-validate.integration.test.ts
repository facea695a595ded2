// Integration: the real Terraform CLI and the real AWS provider 5.100.0 check every synthesized stack.
import * as fs from "fs";
import * as path from "path";
import { ENVIRONMENTS } from "../../config";
import { synthesizeApp, terraform, terraformOk } from "../helpers/terraform";

jest.setTimeout(120_000);

interface ValidateJson {
  valid: boolean;
  error_count: number;
  warning_count: number;
  diagnostics: { severity: string; summary: string; detail?: string }[];
}

describe("terraform validate (integration)", () => {
  let outdir: string;
  beforeAll(() => {
    outdir = path.dirname(synthesizeApp());
  });

  it("synthesizes one cdk.tf.json per environment with the app command of cdktf.json", () => {
    expect(fs.readdirSync(outdir).sort()).toEqual(ENVIRONMENTS.map((e) => e.stackName).sort());
    for (const { stackName } of ENVIRONMENTS)
      expect(fs.existsSync(path.join(outdir, stackName, "cdk.tf.json"))).toBe(true);
  });

  describe.each(ENVIRONMENTS.map((e) => e.stackName))("%s", (stack) => {
    const dir = () => path.join(outdir, stack);

    it("initializes with hashicorp/aws 5.100.0", () => {
      const init = terraformOk(dir(), ["init", "-backend=false", "-input=false", "-no-color"]);
      expect(init.stdout).toMatch(
        /Installed hashicorp\/aws v5\.100\.0|Using previously-installed hashicorp\/aws v5\.100\.0/,
      );
    });

    it("links the one provider installation (mirror or plugin cache) instead of copying 600 MB per directory", () => {
      const installed = path.join(
        dir(),
        ".terraform",
        "providers",
        "registry.terraform.io",
        "hashicorp",
        "aws",
        "5.100.0",
      );
      const [platform] = fs.readdirSync(installed);
      expect(fs.lstatSync(path.join(installed, platform ?? "")).isSymbolicLink()).toBe(true);
    });

    it("validates with no error and no warning (no deprecated argument)", () => {
      const result = terraform(dir(), ["validate", "-json", "-no-color"]);
      const report = JSON.parse(result.stdout) as ValidateJson;
      expect(report.diagnostics).toEqual([]);
      expect(report).toMatchObject({ valid: true, error_count: 0, warning_count: 0 });
      expect(result.status).toBe(0);
    });
  });
});
