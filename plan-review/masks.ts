// Masks for what no provider marks sensitive (tfcmt's `mask` setting, for this project): a token in
// a tag, a description or a user-data script goes through Terraform's own masking. Two kinds:
// - patterns: regular expressions whose every match is replaced, wherever it is;
// - environment variables: the value of each named variable (when set) is replaced like a secret,
//   in every spelling the scrub knows (see scrub.ts).
// Configured once here, for every output of the plan review (summary, plan.txt, failure summary,
// drift report, plan:verify): BUILT_IN_MASKS are always on; PROJECT_MASKS is the project's own list.

/** A regular expression whose matches never reach a review. */
export interface PatternMask {
  /** Named in the replacement, `(masked: <name>)`, so that a reviewer knows what was there. */
  readonly name: string;
  /** Global flag required (every match is replaced). */
  readonly pattern: RegExp;
}

export interface MaskSettings {
  /** Regular expressions, with the built-ins. */
  readonly patterns: readonly PatternMask[];
  /**
   * Names of environment variables whose values are masked, in every spelling.
   * Values shorter than `MIN_ENV_MASK_LENGTH` are left alone: they would mangle ordinary words.
   */
  readonly environment: readonly string[];
}

/** An environment variable's value shorter than this is not masked (`test`, `1`, `true`...). */
export const MIN_ENV_MASK_LENGTH = 8;

/** The replacement of a pattern's match. */
export function maskLabel(name: string): string {
  return `(masked: ${name})`;
}

/** The masks every review gets. */
export const BUILT_IN_MASKS: readonly PatternMask[] = [
  // PEM private keys, whole blocks (RSA, EC, OPENSSH, ENCRYPTED ...), also with their newlines escaped.
  {
    name: "private key",
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----(?:(?!-----END)[\s\S]){0,16384}?-----END \1PRIVATE KEY-----/g,
  },
  // What survives of a private key block that was cut: its header and whatever base64 follows it.
  {
    name: "private key",
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----(?:(?:\\[rn]|[\r\n \t])+[A-Za-z0-9+/=]{8,})*/g,
  },
  // AWS access key ids: long-term (AKIA) and temporary (ASIA) ones, and the other unique-id prefixes of keys.
  { name: "AWS access key id", pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g },
  // AWS secret access keys: 40 characters of base64 next to a name that says what they are.
  {
    name: "AWS secret access key",
    pattern:
      /(?<=(?:secret[_-]?access[_-]?key|secret[_-]?key|SecretAccessKey|aws_secret)[\\"'`]*\s*(?:[:=]|=>|\s)\s*[\\"'`]*)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/gi,
  },
  // GitHub tokens: personal (classic), OAuth, user-to-server, server-to-server, refresh; fine-grained PATs.
  { name: "GitHub token", pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,255}(?![A-Za-z0-9])/g },
  { name: "GitHub token", pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,255}(?![A-Za-z0-9_])/g },
];

/**
 * The project's own masks, beside the built-ins: add a pattern for a token format of your own, or
 * the name of an environment variable that holds a secret the plan might show in a plain attribute.
 */
export const PROJECT_MASKS: MaskSettings = {
  patterns: [],
  environment: [
    "GITHUB_TOKEN",
    "GH_TOKEN",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
    "ACTIONS_RUNTIME_TOKEN",
  ],
};

/** The masks of a review: the built-ins and the project's, with the environment variables' values read now. */
export interface Masks {
  readonly patterns: readonly PatternMask[];
  /** The values of the environment variables named by the settings, long enough to mask. */
  readonly values: readonly string[];
}

export function resolveMasks(settings: MaskSettings = PROJECT_MASKS, env: NodeJS.ProcessEnv = process.env): Masks {
  for (const mask of settings.patterns) {
    if (!mask.pattern.global) throw new Error(`plan-review/masks.ts: mask "${mask.name}" needs the g flag`);
  }
  const values = settings.environment
    .map((name) => env[name] ?? "")
    .filter((value) => value.length >= MIN_ENV_MASK_LENGTH);
  return { patterns: [...BUILT_IN_MASKS, ...settings.patterns], values: [...new Set(values)] };
}
