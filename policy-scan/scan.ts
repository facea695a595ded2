// The policy scan: checkov (pinned in scripts/tools/requirements.txt, installed into
// .venv-tools) on each stack's synthesized Terraform JSON. Each finding is named by the
// Terraform address of the element it is about, recovered from CDKTF's `//` metadata, because
// checkov 3.3.30 names many Terraform JSON findings only `resource.<name>`.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runChecked } from "../tooling/process";

/** The project root: where npm and jest run (the bundled command runs from .local/build). */
export const ROOT = process.cwd();
export const CHECKOV = path.join(ROOT, ".venv-tools", "bin", "checkov");

/** One failed check on one element. */
export interface Finding {
  /** `CKV_AWS_91`. */
  readonly check: string;
  /** What checkov calls it: `Ensure the ELBv2 (Application/Network) has access logging enabled`. */
  readonly title: string;
  /** The element's Terraform address: `aws_lb.example`, `data.aws_iam_policy_document.kms`. */
  readonly address: string;
}

export interface ScanResult {
  readonly passed: number;
  readonly failed: readonly Finding[];
}

interface CheckovRecord {
  check_id: string;
  check_name: string;
  resource: string;
  code_block: [number, string][];
}

/** An element of Terraform JSON as CDKTF writes it: its arguments and its `//` metadata. */
type Element = { readonly "//"?: { readonly metadata?: { readonly path?: unknown } } };
type TerraformJson = { readonly [block: string]: unknown } & {
  readonly resource?: Record<string, Record<string, Element>>;
  readonly data?: Record<string, Record<string, Element>>;
};

/** Construct path -> Terraform address, from the `//` metadata CDKTF writes into every element. */
function addressesByPath(json: TerraformJson): Map<string, string> {
  const byPath = new Map<string, string>();
  for (const [mode, prefix] of [
    ["resource", ""],
    ["data", "data."],
  ] as const) {
    for (const [type, byName] of Object.entries(json[mode] ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const constructPath = body["//"]?.metadata?.path;
        if (typeof constructPath === "string") byPath.set(constructPath, `${prefix}${type}.${name}`);
      }
    }
  }
  return byPath;
}

/** Top-level blocks checkov cannot parse, which hold nothing to check. */
const UNSCANNED_BLOCKS = ["moved", "removed"];

/**
 * Scans one stack's cdk.tf.json. The copy checkov reads leaves out the top-level `moved`
 * and `removed` blocks: checkov 3.3.30's Terraform JSON parser fails on them ("this method
 * receives only dicts") and then scans nothing; moves and removals carry no configuration to check.
 */
export async function scanStack(stackDir: string): Promise<ScanResult> {
  const json = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")) as TerraformJson;
  const scanned = Object.fromEntries(
    Object.entries(json).filter(([block]) => !UNSCANNED_BLOCKS.includes(block)),
  ) as TerraformJson;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-scan-"));
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(scanned, null, 2));
  try {
    const { stdout } = await runChecked(
      CHECKOV,
      ["-d", dir, "--framework", "terraform_json", "--output", "json", "--skip-download", "--quiet", "--soft-fail"],
      { env: { LOG_LEVEL: "ERROR" } },
    );
    const parsed = JSON.parse(stdout) as unknown;
    const report = (Array.isArray(parsed) ? parsed[0] : parsed) as {
      summary: { passed: number; parsing_errors: number };
      results?: { failed_checks?: CheckovRecord[] };
    };
    if (report.summary.parsing_errors > 0) throw new Error(`checkov could not parse ${stackDir}/cdk.tf.json`);
    const byPath = addressesByPath(scanned);
    const failed = (report.results?.failed_checks ?? []).map((record) => {
      const code = record.code_block.map(([, line]) => line).join("");
      const constructPath = /"path":\s*"([^"]+)"/.exec(code)?.[1];
      const address = (constructPath && byPath.get(constructPath)) || record.resource;
      return { check: record.check_id, title: record.check_name, address };
    });
    return { passed: report.summary.passed, failed: sortFindings(failed) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function sortFindings<T extends { check: string; address: string }>(findings: readonly T[]): T[] {
  return [...findings].sort((a, b) => a.address.localeCompare(b.address) || a.check.localeCompare(b.check));
}
