// A local stand-in for the GitHub REST API calls of plan-review/github.ts, serving responses of the
// documented shapes (https://docs.github.com/en/rest: "List pull requests associated with a commit",
// "List issue comments", "Create an issue comment", "Get a branch"), from what the test puts in it.
// It checks the token and records every request, so a test can assert what was asked and posted.
import * as http from "http";
import { AddressInfo } from "net";

export interface StandInPull {
  number: number;
  merged_at: string | null;
  merge_commit_sha: string | null;
  head: { sha: string; ref: string };
  base: { sha: string; ref: string };
  html_url: string;
  state: "open" | "closed";
}

export interface StandInComment {
  id: number;
  body: string;
  user: { login: string; type: "Bot" | "User" };
  created_at: string;
  updated_at: string;
  html_url: string;
}

export interface StandInRequest {
  method: string;
  path: string;
  authorization?: string;
  body?: unknown;
}

export interface GitHubStandIn {
  readonly url: string;
  readonly repository: string;
  readonly token: string;
  /** Pull requests by the commit they are associated with. */
  readonly pullsByCommit: Map<string, StandInPull[]>;
  readonly comments: Map<number, StandInComment[]>;
  readonly branches: Map<string, string>;
  readonly requests: StandInRequest[];
  /** The environment plan-review/github.ts reads. */
  env(): NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export async function startGitHubStandIn(repository = "octo-org/ecs-fargate"): Promise<GitHubStandIn> {
  const token = `ghs_standin${process.pid}`;
  const pullsByCommit = new Map<string, StandInPull[]>();
  const comments = new Map<number, StandInComment[]>();
  const branches = new Map<string, string>();
  const requests: StandInRequest[] = [];
  let nextId = 1000;

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://stand-in");
      const text = Buffer.concat(chunks).toString("utf8");
      const body = text ? (JSON.parse(text) as unknown) : undefined;
      requests.push({
        method: request.method ?? "",
        path: url.pathname + url.search,
        authorization: request.headers.authorization,
        body,
      });
      const send = (status: number, json: unknown) => {
        response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
        response.end(JSON.stringify(json));
      };
      if (request.headers.authorization !== `Bearer ${token}`) return send(401, { message: "Bad credentials" });
      const prefix = `/repos/${repository}`;
      if (!url.pathname.startsWith(`${prefix}/`)) return send(404, { message: "Not Found" });
      const route = url.pathname.slice(prefix.length);
      let m: RegExpExecArray | null;
      if (request.method === "GET" && (m = /^\/commits\/([0-9a-f]{40})\/pulls$/.exec(route))) {
        return send(200, pullsByCommit.get(m[1] ?? "") ?? []);
      }
      if ((m = /^\/issues\/(\d+)\/comments$/.exec(route))) {
        const number = Number(m[1]);
        const list = comments.get(number) ?? [];
        if (request.method === "GET") {
          const perPage = Number(url.searchParams.get("per_page") ?? 30);
          const page = Number(url.searchParams.get("page") ?? 1);
          return send(200, list.slice((page - 1) * perPage, page * perPage));
        }
        if (request.method === "POST") {
          const now = new Date().toISOString();
          const comment: StandInComment = {
            id: nextId++,
            body: (body as { body?: string } | undefined)?.body ?? "",
            user: { login: "github-actions[bot]", type: "Bot" },
            created_at: now,
            updated_at: now,
            html_url: `https://github.com/${repository}/pull/${number}#issuecomment-${nextId}`,
          };
          comments.set(number, [...list, comment]);
          return send(201, comment);
        }
      }
      if (request.method === "GET" && (m = /^\/branches\/([^/]+)$/.exec(route))) {
        const sha = branches.get(decodeURIComponent(m[1] ?? ""));
        return sha ? send(200, { name: m[1], commit: { sha } }) : send(404, { message: "Branch not found" });
      }
      return send(404, { message: "Not Found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    repository,
    token,
    pullsByCommit,
    comments,
    branches,
    requests,
    env: () => ({ GITHUB_API_URL: url, GITHUB_REPOSITORY: repository, GITHUB_TOKEN: token }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A merged pull request as the commit's pulls list shows it. */
export function mergedPull(number: number, mergeSha: string, headSha: string, baseSha: string): StandInPull {
  return {
    number,
    merged_at: "2026-11-28T12:00:00Z",
    merge_commit_sha: mergeSha,
    head: { sha: headSha, ref: `feature-${number}` },
    base: { sha: baseSha, ref: "main" },
    html_url: `https://github.com/octo-org/ecs-fargate/pull/${number}`,
    state: "closed",
  };
}

/** A comment as the comments list shows it. */
export function comment(
  id: number,
  body: string,
  login = "github-actions[bot]",
  updatedAt = "2026-11-28T11:00:00Z",
): StandInComment {
  return {
    id,
    body,
    user: { login, type: login.endsWith("[bot]") ? "Bot" : "User" },
    created_at: updatedAt,
    updated_at: updatedAt,
    html_url: `https://github.com/octo-org/ecs-fargate/pull/1#issuecomment-${id}`,
  };
}
