// Runs the inline script of an `actions/github-script` step as the action does (an async function
// of `github`, `context`, `core`, `require`), against a fake GitHub that holds a pull request's
// labels and a repository's issues: what the script does is then asserted, not read.

import * as vm from "vm";

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  comments: string[];
  pull_request?: object;
}

export interface ScriptRun {
  /** The pull request's labels afterwards. */
  readonly labels: string[];
  readonly issues: FakeIssue[];
}

export async function githubScript(
  script: string,
  options: { env: Record<string, string>; labels?: string[]; issues?: FakeIssue[]; files?: Record<string, string> },
): Promise<ScriptRun> {
  let labels = [...(options.labels ?? [])];
  const issues = (options.issues ?? []).map((i) => ({ ...i, comments: [...i.comments] }));
  const repo = { owner: "octo-org", repo: "ecs-fargate" };
  const expectRepo = (params: { owner: string; repo: string }) => {
    if (params.owner !== repo.owner || params.repo !== repo.repo)
      throw new Error(`wrong repository ${JSON.stringify(params)}`);
  };
  const find = (number: number) => {
    const issue = issues.find((i) => i.number === number);
    if (!issue) throw new Error(`no issue ${number}`);
    return issue;
  };
  /** A REST method of the fake: answers asynchronously, as Octokit does. */
  const answer =
    <P, R>(method: (params: P) => R) =>
    (params: P): Promise<R> =>
      Promise.resolve().then(() => method(params));
  const rest = {
    issues: {
      listLabelsOnIssue: answer((p: { owner: string; repo: string; issue_number: number }) => {
        expectRepo(p);
        return { data: labels.map((name) => ({ name })) };
      }),
      removeLabel: answer((p: { owner: string; repo: string; issue_number: number; name: string }) => {
        expectRepo(p);
        labels = labels.filter((l) => l !== p.name);
      }),
      addLabels: answer((p: { owner: string; repo: string; issue_number: number; labels: string[] }) => {
        expectRepo(p);
        labels = [...labels, ...p.labels];
      }),
      listForRepo: answer((p: { owner: string; repo: string; state: string; labels: string }) => {
        expectRepo(p);
        return { data: issues.filter((i) => i.state === p.state && i.labels.includes(p.labels)) };
      }),
      create: answer((p: { owner: string; repo: string; title: string; body: string; labels: string[] }) => {
        expectRepo(p);
        const number = 100 + issues.length;
        issues.push({ number, title: p.title, body: p.body, state: "open", labels: p.labels, comments: [] });
        return { data: { number } };
      }),
      update: answer((p: { owner: string; repo: string; issue_number: number; body?: string; state?: "closed" }) => {
        expectRepo(p);
        const issue = find(p.issue_number);
        if (p.body !== undefined) issue.body = p.body;
        if (p.state !== undefined) issue.state = p.state;
      }),
      createComment: answer((p: { owner: string; repo: string; issue_number: number; body: string }) => {
        expectRepo(p);
        find(p.issue_number).comments.push(p.body);
      }),
    },
  };
  const github = {
    rest,
    paginate: (method: (p: never) => Promise<{ data: unknown[] }>, params: unknown) =>
      method(params as never).then((r) => r.data),
  };
  const context = { repo, issue: { ...repo, number: 7 } };
  const fakeRequire = (name: string) => {
    if (name !== "fs") throw new Error(`the script requires ${name}`);
    return {
      readFileSync: (file: string) => {
        const text = options.files?.[file];
        if (text === undefined) throw new Error(`ENOENT: ${file}`);
        return text;
      },
    };
  };
  const fakeProcess = { env: options.env };
  // The action runs the script as the body of an async function with these names in scope; so does the test.
  const sandbox = { github, context, core: {}, require: fakeRequire, process: fakeProcess };
  await (vm.runInNewContext(`(async () => {\n${script}\n})()`, sandbox) as Promise<unknown>);
  return { labels, issues };
}
