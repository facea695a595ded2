// Where the release history lives: tags on the task definition revisions the releases register.
// A revision is the release (it holds the image), so its tags travel with it, survive any
// machine or CI run, need no store of their own, and answer "what ran before" for a rollback.
// Terraform's own revisions carry none of these tags: that is how a rollout finds them.
import { Tag } from "@aws-sdk/client-ecs";

export const TAG = {
  /** The image the release put into the container. */
  image: "release:image",
  /** The container whose image it replaced. */
  container: "release:container",
  /** Terraform's revision it was made from (`family:revision`). */
  base: "release:base",
  /** The revision the service ran when the release started (`family:revision`): where a rollback goes. */
  from: "release:from",
  /** When it started, ISO 8601 (UTC). */
  at: "release:at",
  /** IN_PROGRESS, COMPLETED, FAILED, TIMED_OUT, or ROLLED_BACK once `npm run rollback` undid it. */
  outcome: "release:outcome",
} as const;

export type Outcome = "IN_PROGRESS" | "COMPLETED" | "FAILED" | "TIMED_OUT" | "ROLLED_BACK";

/** One rollout, as its revision's tags record it. */
export interface Release {
  readonly arn: string;
  /** `family:revision`. */
  readonly revision: string;
  readonly image: string;
  readonly container: string;
  readonly base: string;
  readonly from: string;
  readonly at: string;
  readonly outcome: string;
  /** The revision's own status: ACTIVE, or INACTIVE once deregistered. */
  readonly status: string;
}

export function tagMap(tags: readonly Tag[] | undefined): Map<string, string> {
  return new Map((tags ?? []).map((t) => [t.key ?? "", t.value ?? ""]));
}

/** The tags that are not the release's own (the stack's default tags, kept on a release's revision). */
export function otherTags(tags: readonly Tag[] | undefined): Tag[] {
  return (tags ?? []).filter((t) => !(t.key ?? "").startsWith("release:"));
}

/** `arn:…:task-definition/example:3` -> `example:3`. */
export function revisionName(arn: string | undefined): string {
  return arn ? arn.slice(arn.lastIndexOf("/") + 1) : "(none)";
}

/** The release a revision records, or undefined for a revision Terraform registered. */
export function releaseOf(arn: string, status: string, tags: readonly Tag[] | undefined): Release | undefined {
  const map = tagMap(tags);
  const image = map.get(TAG.image);
  if (image === undefined) return undefined;
  return {
    arn,
    revision: revisionName(arn),
    image,
    container: map.get(TAG.container) ?? "",
    base: map.get(TAG.base) ?? "",
    from: map.get(TAG.from) ?? "",
    at: map.get(TAG.at) ?? "",
    outcome: map.get(TAG.outcome) ?? "",
    status,
  };
}

/** The table `npm run releases` prints; `running` is the revision the service runs now. */
export function releasesTable(releases: readonly Release[], running: string): string {
  const rows = [
    ["revision", "image", "started (UTC)", "outcome", "from"],
    ...releases.map((r) => [
      `${r.revision}${r.revision === running ? " *" : ""}`,
      r.image,
      r.at.replace("T", " ").replace(/\.\d+Z$|Z$/, ""),
      r.outcome + (r.status === "ACTIVE" ? "" : ` (${r.status.toLowerCase()})`),
      r.from,
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
