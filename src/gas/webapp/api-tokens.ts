// Integration tokens for the inbound API: created, listed and revoked in settings; stored only as their
// SHA-256 hash (document property `apiTokens`, reachable only through the add-on's code), so neither a
// settings screen nor a copy of the properties can give a working token back. Shown once at creation.
import type { ApiTokenInfo, CreatedApiToken } from "../../shared/webapp";
import { getDocumentJson, setDocumentJson } from "../platform/properties";
import { randomHex, sha256Hex } from "./secrets";

export const API_TOKENS_PROPERTY = "apiTokens";
/** At most this many tokens (revoked ones included) per document: each is ~250 bytes of a 9 KB value. */
export const MAX_API_TOKENS = 30;
const TOKEN_PREFIX = "scrm_";

interface StoredToken extends ApiTokenInfo {
  readonly hash: string;
}

function stored(): StoredToken[] {
  const list = getDocumentJson<unknown>(API_TOKENS_PROPERTY, []);
  return Array.isArray(list) ? (list as StoredToken[]) : [];
}

function info(t: StoredToken): ApiTokenInfo {
  const { hash: _hash, ...rest } = t;
  return rest;
}

export function listTokens(): ApiTokenInfo[] {
  return stored().map(info);
}

/** A new token for `name`, reaching what `actsFor` may (or every customer when ""). */
export function createToken(name: string, actsFor: string, by: string): CreatedApiToken {
  const clean = String(name ?? "")
    .trim()
    .slice(0, 60);
  if (!clean) throw new Error("Give the integration a name. / 请为集成命名。");
  const list = stored();
  if (list.length >= MAX_API_TOKENS)
    throw new Error(
      `At most ${MAX_API_TOKENS} tokens; delete revoked ones first. / 最多 ${MAX_API_TOKENS} 个令牌。`,
    );
  const token = TOKEN_PREFIX + randomHex(2);
  const t: StoredToken = {
    id: randomHex(1).slice(0, 12),
    name: clean,
    actsFor: String(actsFor ?? "")
      .trim()
      .toLowerCase(),
    createdAt: new Date().toISOString(),
    createdBy: by,
    lastUsedAt: "",
    revoked: false,
    hash: sha256Hex(token),
  };
  setDocumentJson(API_TOKENS_PROPERTY, [...list, t]);
  return { info: info(t), token };
}

export function revokeToken(id: string): ApiTokenInfo[] {
  const list = stored();
  if (!list.some((t) => t.id === id)) throw new Error("No such token. / 无此令牌。");
  const next = list.map((t) => (t.id === id ? { ...t, revoked: true } : t));
  setDocumentJson(API_TOKENS_PROPERTY, next);
  return next.map(info);
}

/** The live token whose hash `token` has, or null (unknown, revoked, or not a token). */
export function findToken(token: string): ApiTokenInfo | null {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const hash = sha256Hex(token);
  const t = stored().find((x) => x.hash === hash && !x.revoked);
  return t ? info(t) : null;
}

/** Notes a token's last use (at most once an hour, to spare the property writes). */
export function touchToken(id: string): void {
  const list = stored();
  const now = new Date();
  const t = list.find((x) => x.id === id);
  if (!t || (t.lastUsedAt && now.getTime() - Date.parse(t.lastUsedAt) < 3_600_000)) return;
  setDocumentJson(
    API_TOKENS_PROPERTY,
    list.map((x) => (x.id === id ? { ...x, lastUsedAt: now.toISOString() } : x)),
  );
}
