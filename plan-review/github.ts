// The GitHub REST calls of the plan review, with fetch and the job's own token:
// - the pull request merged into a commit (`GET /repos/{owner}/{repo}/commits/{sha}/pulls`) and the
//   stack's reviewed comment on it (`GET /repos/{owner}/{repo}/issues/{number}/comments`), for the deploy;
// - a comment on a pull request (`POST /repos/{owner}/{repo}/issues/{number}/comments`), when the
//   deploy's plan differs from the reviewed one;
// - the tip of a branch (`GET /repos/{owner}/{repo}/branches/{branch}`), to say that a pull request
//   was planned against an older main.
// The base URL is GITHUB_API_URL (set by Actions; a test points it at a local stand-in).
import { readMarker, Verification } from "./fingerprint";

export interface GitHub {
  readonly apiUrl: string;
  /** `owner/repo`. */
  readonly repository: string;
  readonly token: string;
}

/** Who posts the plan comments: only their comments count as reviewed plans. */
export const DEFAULT_COMMENT_AUTHOR = "github-actions[bot]";

/** The GitHub settings of the environment, or an error naming the one missing. */
export function gitHubFromEnv(env: NodeJS.ProcessEnv = process.env): GitHub {
  const missing = ["GITHUB_API_URL", "GITHUB_REPOSITORY", "GITHUB_TOKEN"].filter((name) => !env[name]);
  if (missing.length > 0)
    throw new Error(`${missing.join(", ")} not set: needed to read the reviewed plan from GitHub`);
  const repository = env.GITHUB_REPOSITORY ?? "";
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository)) {
    throw new Error(`GITHUB_REPOSITORY must be owner/repo, got: ${repository}`);
  }
  return { apiUrl: (env.GITHUB_API_URL ?? "").replace(/\/+$/, ""), repository, token: env.GITHUB_TOKEN ?? "" };
}

async function call<T>(github: GitHub, method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${github.apiUrl}/repos/${github.repository}${path}`, {
    method,
    headers: {
      accept: "application/vnd.github+json",
      authorization: `Bearer ${github.token}`,
      "x-github-api-version": "2022-11-28",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) {
    const text = (await response.text()).slice(0, 300);
    throw new Error(`GitHub ${method} ${path}: HTTP ${response.status} ${text}`.trim());
  }
  return (await response.json()) as T;
}

export interface PullRequest {
  readonly number: number;
  readonly html_url?: string;
  readonly merged_at: string | null;
  readonly merge_commit_sha: string | null;
  readonly head: { readonly sha: string };
  readonly base: { readonly sha: string; readonly ref: string };
}

export interface IssueComment {
  readonly id: number;
  readonly body?: string;
  readonly updated_at: string;
  readonly user: { readonly login: string } | null;
}

/** The pull request merged as `sha` (its merge, squash or last rebased commit), if any. */
export async function mergedPullRequest(github: GitHub, sha: string): Promise<PullRequest | undefined> {
  const pulls = await call<PullRequest[]>(github, "GET", `/commits/${sha}/pulls`);
  return pulls.find((p) => p.merged_at !== null && p.merge_commit_sha === sha);
}

/** Every comment of a pull request, page by page. */
export async function issueComments(github: GitHub, issue: number): Promise<IssueComment[]> {
  const all: IssueComment[] = [];
  for (let page = 1; page <= 50; page++) {
    const comments = await call<IssueComment[]>(github, "GET", `/issues/${issue}/comments?per_page=100&page=${page}`);
    all.push(...comments);
    if (comments.length < 100) break;
  }
  return all;
}

export async function postComment(github: GitHub, issue: number, body: string): Promise<void> {
  await call<unknown>(github, "POST", `/issues/${issue}/comments`, { body });
}

/** The commit at the tip of a branch. */
export async function branchTip(github: GitHub, branch: string): Promise<string> {
  const found = await call<{ commit: { sha: string } }>(github, "GET", `/branches/${encodeURIComponent(branch)}`);
  return found.commit.sha;
}

export type ReviewedLookup =
  | {
      readonly kind: "found";
      readonly pullRequest: PullRequest;
      readonly comment: IssueComment;
      readonly verification: Verification;
    }
  | { readonly kind: "none"; readonly reason: string; readonly pullRequest?: PullRequest };

/**
 * The reviewed plan of `stack` for the commit `sha`: the stack's plan comment (by `author`, newest
 * first) on the pull request merged as `sha`, planned at that pull request's head commit.
 */
export async function reviewedPlan(
  github: GitHub,
  sha: string,
  stack: string,
  author: string = DEFAULT_COMMENT_AUTHOR,
): Promise<ReviewedLookup> {
  const pullRequest = await mergedPullRequest(github, sha);
  if (!pullRequest) return { kind: "none", reason: `no pull request was merged as commit ${sha.slice(0, 7)}` };
  const comments = (await issueComments(github, pullRequest.number))
    .filter((c) => c.user?.login === author)
    .sort((a, b) => (a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : 0));
  const where = `pull request #${pullRequest.number}`;
  for (const comment of comments) {
    const verification = readMarker(comment.body ?? "", stack);
    if (!verification) continue;
    if (verification.head !== pullRequest.head.sha) {
      return {
        kind: "none",
        pullRequest,
        reason:
          `the plan comment on ${where} is of commit ${verification.head?.slice(0, 7) ?? "(none)"}, but the pull ` +
          `request merged ${pullRequest.head.sha.slice(0, 7)}: its last plan did not finish or was not posted`,
      };
    }
    return { kind: "found", pullRequest, comment, verification };
  }
  return { kind: "none", pullRequest, reason: `${where} has no plan comment for this stack by ${author}` };
}
