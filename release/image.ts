// Image references as `docker pull` reads them, checked before anything is registered:
// [registry/]repository(:tag | @sha256:<64 hex>). A release names its image exactly: a tag or a
// digest is required (an implicit `latest` is refused).
// https://github.com/distribution/reference/blob/main/reference.go
import { show } from "../constructs/shared/validation";

/** An image reference, split. */
export interface ImageReference {
  /** As given, e.g. `123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/example@sha256:…`. */
  readonly reference: string;
  /** Everything before the tag or digest, with the registry: `nginx`, `…amazonaws.com/example`. */
  readonly repository: string;
  readonly tag?: string;
  /** `sha256:` + 64 hex. */
  readonly digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const REGISTRY = /^(?:localhost|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*:[0-9]+)$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Why `value` is not an image reference a release accepts, or undefined when it is one. */
export function imageProblem(value: string): string | undefined {
  const parsed = splitImage(value);
  return typeof parsed === "string" ? parsed : undefined;
}

/** The reference split into its parts, or what is wrong with it (one line, naming the value). */
export function splitImage(value: string): ImageReference | string {
  const bad = (rule: string) => `--image ${rule}, got: ${show(value)}`;
  if (value.trim() === "") return bad("must be an image reference: a repository with a tag or an @sha256: digest");
  if (/\s/.test(value)) return bad("must not contain spaces");
  let rest = value;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return bad("must end its digest with sha256: and 64 lowercase hex characters");
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (tag === "") return bad("must not end with `:`: name a tag after it (or use @sha256:<digest>)");
    if (!TAG.test(tag))
      return bad("must have a tag of letters, digits, `_`, `.` and `-`, at most 128, not starting with `.` or `-`");
  }
  if (tag === undefined && digest === undefined) {
    return bad("must name a tag (`:1.27.3`) or a digest (`@sha256:…`): a release never runs an implicit `latest`");
  }
  const parts = rest.split("/");
  const first = parts[0] ?? "";
  const hasRegistry =
    parts.length > 1 && REGISTRY.test(first) && (first.includes(".") || first.includes(":") || first === "localhost");
  const path = hasRegistry ? parts.slice(1) : parts;
  if (rest === "" || path.length === 0 || !path.every((component) => COMPONENT.test(component))) {
    return bad(
      "must have a repository of lowercase letters, digits and separators (`.`, `_`, `-`, `/`), after an optional registry host",
    );
  }
  return { reference: value, repository: rest, tag, digest };
}
