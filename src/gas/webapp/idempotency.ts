// Idempotency keys of the inbound API: a call applied under a key stores its answer (document property
// `apiIdem:<hash of token id and key>`), and a later call with the same token and key gets that answer
// back without applying anything again. The same key with a different request is refused. Checked and
// stored under the document lock, so two calls racing with one key apply once. Keys live 24 hours and at
// most MAX_KEYS are kept (oldest dropped first): the property store holds 500 KB per document.
import type { ApiResponse } from "../../shared/webapp";
import { sha256Hex } from "./secrets";

const PREFIX = "apiIdem:";
export const KEY_LIFETIME_MS = 24 * 3_600_000;
const MAX_KEYS = 200;
/** Characters all kept answers may take together: the document's properties hold 500 KB in all. */
const MAX_TOTAL_CHARS = 100_000;
/** Apps Script's limit per property value is 9 KB; an answer is stored within it. */
const MAX_VALUE_CHARS = 8_000;

interface StoredAnswer {
  readonly at: number;
  /** SHA-256 of the request's table and rows: the same key must mean the same request. */
  readonly request: string;
  readonly answer: ApiResponse;
}

function propertyName(tokenId: string, key: string): string {
  return PREFIX + sha256Hex(`${tokenId}\n${key}`).slice(0, 40);
}

export function requestDigest(table: string, rows: unknown): string {
  return sha256Hex(JSON.stringify([table, rows]));
}

export type Recall =
  | { readonly kind: "new" }
  | { readonly kind: "replay"; readonly answer: ApiResponse }
  | { readonly kind: "conflict" };

/** What an earlier call with this token and key answered, if it is still kept. */
export function recall(tokenId: string, key: string, request: string): Recall {
  const raw = PropertiesService.getDocumentProperties().getProperty(propertyName(tokenId, key));
  if (!raw) return { kind: "new" };
  try {
    const s = JSON.parse(raw) as StoredAnswer;
    if (Date.now() - s.at > KEY_LIFETIME_MS) return { kind: "new" };
    return s.request === request ? { kind: "replay", answer: s.answer } : { kind: "conflict" };
  } catch {
    return { kind: "new" };
  }
}

/** Keeps the answer of an applied call; drops expired and surplus keys. */
export function remember(tokenId: string, key: string, request: string, answer: ApiResponse): void {
  const props = PropertiesService.getDocumentProperties();
  let kept: ApiResponse = answer;
  let value = JSON.stringify({ at: Date.now(), request, answer: kept });
  if (value.length > MAX_VALUE_CHARS && answer.ok) {
    // A long answer is kept without its per-row list; a replay says so.
    kept = { ...answer, results: [], neutralised: [] };
    value = JSON.stringify({ at: Date.now(), request, answer: kept, clipped: true });
  }
  const all = props.getProperties();
  const keys = Object.keys(all)
    .filter((k) => k.startsWith(PREFIX))
    .map((k) => {
      try {
        return { k, at: (JSON.parse(all[k]) as StoredAnswer).at };
      } catch {
        return { k, at: 0 };
      }
    })
    .sort((a, b) => a.at - b.at);
  const now = Date.now();
  // Oldest first: expired ones, then as many as keep the count and the total size within bounds.
  let total = keys.reduce((n, x) => n + all[x.k].length, 0) + value.length;
  const drop = keys.filter((x, i) => {
    const go = now - x.at > KEY_LIFETIME_MS || keys.length - i >= MAX_KEYS || total > MAX_TOTAL_CHARS;
    if (go) total -= all[x.k].length;
    return go;
  });
  for (const d of drop) props.deleteProperty(d.k);
  props.setProperty(propertyName(tokenId, key), value);
}
