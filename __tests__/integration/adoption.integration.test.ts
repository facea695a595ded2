// Integration: adopting a stack applied from the book's HCL. The fixture (__tests__/fixtures/book-hcl)
// is the book's stack as the book writes it, with its two local modules as real modules; it is
// applied to the local AWS endpoint, then the project's dev stack is planned and applied on the
// same state: nothing is created, destroyed or replaced, the module resources move to their
// flattened addresses, and only the documented in-place changes remain. The control is the same
// stack without its `moved` blocks: its plan destroys the module resources.
import * as fs from "fs";
import * as path from "path";
import { PlanJson, reviewPlan } from "../../plan-review";
import { BOOK_MOVES, BookMove } from "../../stacks/book-moves";
import { EMULATED_SERVICES } from "../../stacks/provider";
import { Emulator, startEmulator } from "../helpers/emulator";
import { terraformAsync } from "../helpers/export-hcl";
import { DEV_STACK, ROOT, synthesizeApp, terraformOk } from "../helpers/terraform";

jest.setTimeout(300_000);

const FIXTURE = path.join(ROOT, "__tests__", "fixtures", "book-hcl");

interface StateResource {
  readonly address: string;
  readonly mode: string;
  readonly values: Record<string, unknown>;
}

interface ResourceChange {
  readonly address: string;
  readonly previous_address?: string;
  readonly mode: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before: Record<string, unknown> | null;
    readonly after: Record<string, unknown> | null;
    readonly after_unknown?: Record<string, unknown>;
  };
}

interface StackJson {
  readonly moved?: readonly BookMove[];
  readonly provider?: { readonly aws?: readonly { readonly default_tags?: readonly { tags?: object }[] }[] };
  readonly terraform?: { readonly backend?: { readonly local?: { readonly path: string } } };
}

/**
 * The in-place changes adopting the book's stack leaves, each with its reason (the README's
 * "Coming from the book's HCL" lists the same). `appliesTo` gets each resource of the book's
 * state, under its address in the project, and the synthesized stack.
 */
const DOCUMENTED_UPDATES: readonly {
  readonly attribute: string;
  readonly reason: string;
  readonly appliesTo: (resource: StateResource, stack: StackJson) => boolean;
}[] = [
  {
    attribute: "platform_version",
    reason: "the book pins Fargate platform version 1.3.0, retired by AWS on 2026-03-16; the project pins 1.4.0",
    appliesTo: (resource) => resource.address === "aws_ecs_service.example",
  },
  {
    attribute: "skip_destroy",
    reason:
      "the project keeps a replaced task definition's revision registered: the service may run it, rollbacks go back to it",
    appliesTo: (resource) => resource.address === "aws_ecs_task_definition.example",
  },
  {
    attribute: "tags_all",
    reason: "the project's provider tags every taggable resource (default_tags: Project, Environment, ManagedBy)",
    appliesTo: (resource, stack) =>
      "tags_all" in resource.values &&
      (stack.provider?.aws?.[0]?.default_tags ?? []).some((d) => Object.keys(d.tags ?? {}).length > 0),
  },
];

/** The top-level attributes an update changes (or leaves unknown until apply), sorted. */
function changedAttributes(change: ResourceChange["change"]): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const unknown = change.after_unknown ?? {};
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]) || unknown[key] === true)
    .sort();
}

const sortMoves = (moves: readonly BookMove[]) =>
  [...moves].map(({ from, to }) => ({ from, to })).sort((a, b) => a.from.localeCompare(b.from));

/** The provider override that points the book's provider block at the emulator (and what the project turns off there). */
function emulatorOverride(url: string): string {
  const endpoints = EMULATED_SERVICES.map((service) => `    ${service} = "${url}"`).join("\n");
  return `# Written by the adoption test: the book's provider, pointed at the local AWS endpoint.
provider "aws" {
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  s3_use_path_style           = true

  endpoints {
${endpoints}
  }
}

# As the project does against the emulator.
resource "aws_lb" "example" {
  enable_deletion_protection = false
}
`;
}

describe("adopting the book's applied stack: nothing destroyed or replaced (integration)", () => {
  let emulator: Emulator;
  let bookDir: string;
  let stackDir: string;
  let controlDir: string;
  let stackJson: StackJson;
  /** The book's managed resources, under their addresses in the project. */
  let bookResources: StateResource[];

  /** Terraform commands that call the emulator run asynchronously: see `terraformAsync`. */
  const tf = (dir: string, args: string[], expected?: number[]) =>
    terraformOk(dir, [...args, "-no-color"], emulator.env, expected);
  const tfAsync = (dir: string, args: string[], expected?: number[]) =>
    terraformAsync(dir, [...args, "-no-color"], emulator.env, expected);
  const showPlan = (dir: string, planFile: string): unknown => JSON.parse(tf(dir, ["show", "-json", planFile]).stdout);
  const planChanges = (dir: string, planFile: string): ResourceChange[] =>
    ((showPlan(dir, planFile) as { resource_changes?: ResourceChange[] }).resource_changes ?? []).filter(
      (c) => c.mode === "managed",
    );
  const addressesWith = (changes: ResourceChange[], actions: string) =>
    changes
      .filter((c) => c.change.actions.join() === actions)
      .map((c) => c.address)
      .sort();

  beforeAll(async () => {
    emulator = await startEmulator();
    // The app's stacks, synthesized by the real app command for the emulator, with a local state.
    stackDir = synthesizeApp({ ...emulator.env, TF_STATE_BUCKET: "" }, DEV_STACK);
    stackJson = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")) as StackJson;
    bookDir = path.join(path.dirname(path.dirname(path.dirname(stackDir))), "book-hcl");
    fs.cpSync(FIXTURE, bookDir, { recursive: true });
    fs.writeFileSync(path.join(bookDir, "emulator_override.tf"), emulatorOverride(emulator.url));
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it("1. applies the book's HCL, its modules' resources under module addresses", async () => {
    tf(bookDir, ["init", "-input=false"]);
    await tfAsync(bookDir, ["apply", "-input=false", "-auto-approve"]);
    const shown = JSON.parse(tf(bookDir, ["show", "-json"]).stdout);
    const modules: { resources?: StateResource[] }[] = shown.values.root_module.child_modules ?? [];
    const resources = [shown.values.root_module, ...modules]
      .flatMap((m: { resources?: StateResource[] }) => m.resources ?? [])
      .filter((r) => r.mode === "managed");
    expect(resources).toHaveLength(37);
    const moved = new Map(BOOK_MOVES.map((m) => [m.from, m.to]));
    expect(resources.map((r) => r.address)).toEqual(expect.arrayContaining([...moved.keys()]));
    bookResources = resources.map((r) => ({ ...r, address: moved.get(r.address) ?? r.address }));
  });

  it("2. the dev stack declares exactly the book's moves, and its local state is the book's", () => {
    expect(sortMoves(stackJson.moved ?? [])).toEqual(sortMoves(BOOK_MOVES));
    const statePath = stackJson.terraform?.backend?.local?.path;
    if (statePath === undefined) throw new Error("the dev stack has no local backend");
    fs.copyFileSync(path.join(bookDir, "terraform.tfstate"), path.resolve(stackDir, statePath));
    tf(stackDir, ["init", "-input=false"]);
  });

  it("3. control: without the moved blocks, the plan destroys the module resources and creates them anew", async () => {
    // A sibling folder: the same relative backend path names the same state file.
    controlDir = `${stackDir}-without-moves`;
    fs.mkdirSync(controlDir);
    const withoutMoves = Object.fromEntries(Object.entries(stackJson).filter(([key]) => key !== "moved"));
    fs.writeFileSync(path.join(controlDir, "cdk.tf.json"), JSON.stringify(withoutMoves, null, 2));
    tf(controlDir, ["init", "-input=false"]);
    await tfAsync(controlDir, ["plan", "-input=false", "-out=control.tfplan"]);
    const changes = planChanges(controlDir, "control.tfplan");
    expect(addressesWith(changes, "delete")).toEqual(BOOK_MOVES.map((m) => m.from).sort());
    expect(addressesWith(changes, "create")).toEqual(BOOK_MOVES.map((m) => m.to).sort());
  });

  it("4. plans 0 to add, 0 to destroy, 0 to replace: the book's moves and only the documented in-place changes", async () => {
    const exit = await tfAsync(stackDir, ["plan", "-input=false", "-detailed-exitcode", "-out=adopt.tfplan"], [2]);
    expect(exit.status).toBe(2);
    const plan = showPlan(stackDir, "adopt.tfplan") as PlanJson;
    const changes = ((plan.resource_changes ?? []) as unknown as ResourceChange[]).filter((c) => c.mode === "managed");

    expect(changes.filter((c) => c.change.actions.some((a) => a === "create" || a === "delete"))).toEqual([]);
    expect(changes.map((c) => c.address).sort()).toEqual(bookResources.map((r) => r.address).sort());

    const moves = changes
      .filter((c) => c.previous_address !== undefined && c.previous_address !== c.address)
      .map((c) => ({ from: c.previous_address ?? "", to: c.address }));
    expect(sortMoves(moves)).toEqual(sortMoves(BOOK_MOVES));

    const updates = Object.fromEntries(
      changes.filter((c) => c.change.actions.join() === "update").map((c) => [c.address, changedAttributes(c.change)]),
    );
    const expected: Record<string, string[]> = {};
    for (const resource of bookResources) {
      const attributes = DOCUMENTED_UPDATES.filter((u) => u.appliesTo(resource, stackJson)).map((u) => u.attribute);
      if (attributes.length > 0) expected[resource.address] = attributes.sort();
    }
    expect(updates).toEqual(expected);
    expect(changes.find((c) => c.address === "aws_ecs_service.example")?.change).toMatchObject({
      before: { platform_version: "1.3.0" },
      after: { platform_version: "1.4.0" },
    });

    // What the reviewer reads (npm run plan): the moves as moves, nothing destroyed or created.
    const review = reviewPlan(plan);
    expect(review.counts).toEqual({
      add: 0,
      change: Object.keys(expected).length,
      replace: 0,
      destroy: 0,
      import: 0,
      move: BOOK_MOVES.length,
      forget: 0,
    });
    const reviewedMoves = review.rows
      .filter((row) => row.previousAddress !== undefined)
      .map((row) => ({ from: row.previousAddress ?? "", to: row.address }));
    expect(sortMoves(reviewedMoves)).toEqual(sortMoves(BOOK_MOVES));
  });

  it("5. applies the plan", async () => {
    await tfAsync(stackDir, ["apply", "-input=false", "-auto-approve", "adopt.tfplan"]);
    const state = tf(stackDir, ["state", "list"])
      .stdout.split("\n")
      .filter((a) => a !== "" && !a.startsWith("data."));
    expect(state.sort()).toEqual(bookResources.map((r) => r.address).sort());
  });

  it("6. a second plan has no changes (exit 0 with -detailed-exitcode)", async () => {
    expect((await tfAsync(stackDir, ["plan", "-input=false", "-detailed-exitcode"])).status).toBe(0);
  });
});
