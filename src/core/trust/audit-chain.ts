/**
 * The audit log's hash chain, as pure functions. Each chained entry carries a number (1, 2, 3, … with no
 * gaps) and a digest covering the previous entry's digest, its own number and its own fields, so an
 * edited, deleted, inserted or reordered entry breaks the chain where it happened. The digest is keyed
 * (the gas side uses HMAC-SHA-256 with a key only the add-on's code can read), so whoever can edit the
 * log cannot recompute the links after a change. The chain's state outside the sheet (where each log tab
 * starts and the newest entry) lets a verifier also see entries cut from the start or the end.
 */
import type { Lang } from "../schema/types";

/** Bytes (0…255, or Java's signed -128…127 as Apps Script returns them) as lower-case hex. */
export function hexOf(bytes: readonly number[]): string {
  return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, "0")).join("");
}

/** Computes an entry's digest (lower-case hex) of the text {@link chainInput} builds. */
export type DigestOf = (text: string) => string;

/** A chained entry's number and digest, as its Digest cell holds them ("<number>:<hex>"). */
export interface ChainLink {
  readonly seq: number;
  readonly digest: string;
}

/** The Digest cell text of a chained entry. */
export function digestCell(link: ChainLink): string {
  return `${link.seq}:${link.digest}`;
}

const DIGEST_CELL = /^(\d{1,15}):([0-9a-f]{64})$/;

/** The link a Digest cell holds, or null when the cell is empty or not a link. */
export function parseDigestCell(cell: unknown): ChainLink | null {
  const m = DIGEST_CELL.exec(String(cell ?? "").trim());
  return m ? { seq: Number(m[1]), digest: m[2] } : null;
}

/**
 * The text an entry's digest covers: the previous digest ("" before the first entry), the entry's number
 * and its fields as text (see the gas side for how a cell becomes text). JSON keeps the parts apart
 * whatever they contain.
 */
export function chainInput(prev: string, seq: number, fields: readonly string[]): string {
  return JSON.stringify([prev, seq, ...fields]);
}

/**
 * Links `rows` (their fields as text, in order) onto a chain whose newest link is `after` (null: the
 * chain starts here, at number 1 after ""). Returns one link per row.
 */
export function linkRows(
  after: ChainLink | null,
  rows: readonly (readonly string[])[],
  digestOf: DigestOf,
): ChainLink[] {
  let prev = after ? after.digest : "";
  let seq = after ? after.seq : 0;
  return rows.map((fields) => {
    seq += 1;
    prev = digestOf(chainInput(prev, seq, fields));
    return { seq, digest: prev };
  });
}

/** Where a log tab's chain starts: the number of its first chained entry and the digest before it. */
export interface SheetAnchor {
  readonly seq: number;
  readonly prev: string;
}

/** One log tab as the verifier reads it, oldest tab first. */
export interface LogSheet {
  readonly name: string;
  /** As recorded when the tab got its first chained entry; null when none was recorded. */
  readonly anchor: SheetAnchor | null;
  /** Each data row, from sheet row 2: its fields as text and its Digest cell. */
  readonly rows: readonly { readonly fields: readonly string[]; readonly digest: unknown }[];
}

/** What broke the chain first. */
export type AuditBreakKind = "edited" | "deleted" | "inserted" | "reordered";

export interface AuditBreak {
  readonly kind: AuditBreakKind;
  readonly sheet: string;
  /** The sheet row (1 = header) where the break shows. */
  readonly row: number;
  /** The entry number the chain expected there. */
  readonly expected: number;
  /** deleted: how many entries are missing; inserted: how many rows are not part of the chain. */
  readonly count: number;
  /** reordered: where the expected entry was found instead. */
  readonly foundAt: { readonly sheet: string; readonly row: number } | null;
}

/** The verdict on the whole log. */
export interface AuditVerification {
  readonly ok: boolean;
  /** Chained entries that verified (before the break, if any). */
  readonly entries: number;
  /** Entries before the chain starts (written before the log was chained): they cannot be verified. */
  readonly legacy: number;
  readonly broken: AuditBreak | null;
  /** The add-on's key is missing (say the document was copied): nothing chained can be verified. */
  readonly keyMissing: boolean;
}

interface Position {
  readonly sheet: number;
  readonly index: number;
}

/** How far past a bad row to look for the entry that should have been there (inserted rows). */
const INSERTED_LOOKAHEAD = 50;

/**
 * Verifies the chain over every log tab (oldest first) and, when `tail` (the newest link the add-on
 * recorded) is given, that no entry was cut from the end. Rows before the chain starts (no digest, or a
 * number below `from`, the first entry linked under the current key) are counted as legacy. Returns the
 * first broken link, classified:
 * - inserted: the entries before and after the row link to each other directly (the row is not one of
 *   them), or a row at the end has no valid link;
 * - deleted: the next number is missing from the log (a gap, or entries cut from the start or the end);
 * - reordered: the expected number is elsewhere in the log;
 * - edited: the entry has the expected number but its fields (or digest) changed.
 */
export function verifyChain(
  sheets: readonly LogSheet[],
  tail: ChainLink | null,
  digestOf: DigestOf,
  from = 1,
): AuditVerification {
  let legacy = 0;
  let entries = 0;
  let prev: string | null = null;
  let nextSeq = 0;
  let last: Position | null = null;
  const links = sheets.map((s) => s.rows.map((r) => parseDigestCell(r.digest)));
  const at = (p: Position) => ({ sheet: sheets[p.sheet].name, row: p.index + 2 });
  const verdict = (broken: AuditBreak | null): AuditVerification => ({
    ok: broken === null,
    entries,
    legacy,
    broken,
    keyMissing: false,
  });
  const breakAt = (p: Position, kind: AuditBreakKind, count: number, foundAt: Position | null = null) =>
    verdict({
      kind,
      ...at(p),
      expected: nextSeq,
      count,
      foundAt: foundAt ? at(foundAt) : null,
    });
  const verifies = (p: Position, link: ChainLink | null, seq: number, after: string) =>
    link !== null &&
    link.seq === seq &&
    digestOf(chainInput(after, seq, sheets[p.sheet].rows[p.index].fields)) === link.digest;

  for (let s = 0; s < sheets.length; s++) {
    const { anchor, rows } = sheets[s];
    if (prev !== null && anchor && (anchor.seq !== nextSeq || anchor.prev !== prev) && rows.length) {
      // The tab continues from an entry the previous tab no longer ends with.
      if (anchor.seq > nextSeq) return breakAt({ sheet: s, index: 0 }, "deleted", anchor.seq - nextSeq);
      return breakAt({ sheet: s, index: 0 }, "edited", 0);
    }
    for (let i = 0; i < rows.length; i++) {
      const p = { sheet: s, index: i };
      const link = links[s][i];
      if (prev === null) {
        const empty = String(rows[i].digest ?? "").trim() === "";
        if ((empty && link === null) || (link && link.seq < (anchor?.seq ?? from))) {
          legacy++;
          continue;
        }
        // The chain starts here: where the add-on recorded it, else at entry `from` after "".
        prev = anchor ? anchor.prev : "";
        nextSeq = anchor ? anchor.seq : from;
      }
      if (verifies(p, link, nextSeq, prev)) {
        prev = link!.digest;
        nextSeq++;
        entries++;
        last = p;
        continue;
      }
      return diagnose(p, link);
    }
  }
  if (tail && tail.seq > 0) {
    const newest = prev === null ? 0 : nextSeq - 1;
    if (newest < tail.seq) {
      // Entries cut from the end (or every chained entry gone): the break shows below the last good row.
      const lastSheet = sheets.at(-1);
      const end = last ? at(last) : { sheet: lastSheet?.name ?? "", row: 1 + (lastSheet?.rows.length ?? 0) };
      return verdict({
        kind: "deleted",
        sheet: end.sheet,
        row: end.row + 1,
        expected: newest + 1,
        count: tail.seq - newest,
        foundAt: null,
      });
    }
  }
  return verdict(null);

  function diagnose(p: Position, link: ChainLink | null): AuditVerification {
    const good = prev!;
    // A later row carries on from the last good entry: the rows in between are not part of the chain
    // there, either moved (genuine entries of later numbers) or inserted (anything else, copies of
    // entries already seen included).
    for (let k = 1; k <= INSERTED_LOOKAHEAD; k++) {
      const q = offset(p, k);
      if (!q) break;
      if (!verifies(q, links[q.sheet][q.index], nextSeq, good)) continue;
      const skipped = Array.from({ length: k }, (_, j) => offset(p, j)!);
      const moved = skipped.some((r) => (links[r.sheet][r.index]?.seq ?? 0) > nextSeq && genuine(r));
      return moved ? breakAt(p, "reordered", 0, q) : breakAt(p, "inserted", k);
    }
    if (link === null) return breakAt(p, offset(p, 1) ? "edited" : "inserted", offset(p, 1) ? 0 : 1);
    if (link.seq === nextSeq) return breakAt(p, "edited", 0);
    // The number itself was changed: the digest still fits the expected number.
    if (verifies(p, { ...link, seq: nextSeq }, nextSeq, good)) return breakAt(p, "edited", 0);
    const elsewhere = find(nextSeq, p);
    if (elsewhere && genuine(elsewhere)) return breakAt(p, "reordered", 0, elsewhere);
    if (link.seq > nextSeq) return breakAt(p, "deleted", link.seq - nextSeq);
    // A number seen already: the same entry again is an inserted copy, another one was moved.
    const earlier = find(link.seq, null);
    if (earlier && links[earlier.sheet][earlier.index]?.digest === link.digest)
      return breakAt(p, "inserted", 1);
    return breakAt(p, "reordered", 0, earlier);
  }

  function offset(p: Position, k: number): Position | null {
    let { sheet, index } = p;
    index += k;
    while (sheet < sheets.length && index >= sheets[sheet].rows.length) {
      index -= sheets[sheet].rows.length;
      sheet++;
    }
    return sheet < sheets.length ? { sheet, index } : null;
  }

  /** Whether the row holds a real entry: its link verifies from the entry numbered one below it. */
  function genuine(p: Position): boolean {
    const link = links[p.sheet][p.index];
    if (!link || link.seq < 1) return false;
    const before = link.seq === 1 ? null : find(link.seq - 1, p);
    if (link.seq > 1 && !before) return false;
    const after = before ? links[before.sheet][before.index]!.digest : "";
    return verifies(p, link, link.seq, after);
  }

  /** The first row (other than `not`) whose link has number `seq`. */
  function find(seq: number, not: Position | null): Position | null {
    for (let s = 0; s < sheets.length; s++)
      for (let i = 0; i < links[s].length; i++)
        if (links[s][i]?.seq === seq && !(not && not.sheet === s && not.index === i))
          return { sheet: s, index: i };
    return null;
  }
}

/** The verdict in one or two sentences, in `lang`. */
export function describeVerification(v: AuditVerification, lang: Lang): string {
  const zh = lang === "zh-CN";
  const legacy =
    v.legacy === 0
      ? ""
      : zh
        ? `链之前有 ${v.legacy} 条旧条目(无摘要,无法校验)。`
        : ` ${v.legacy} legacy entr${v.legacy === 1 ? "y" : "ies"} without digests precede the chain and cannot be verified.`;
  if (v.keyMissing)
    return zh
      ? "无法校验审计日志:本文档缺少加载项的日志密钥(文档是否被复制?)。"
      : "The audit log cannot be verified: this document no longer holds the add-on's log key (was it copied?).";
  if (!v.broken)
    return zh
      ? `审计日志完好:${v.entries} 条条目均已校验。${legacy}`
      : `Audit log OK: ${v.entries} entr${v.entries === 1 ? "y" : "ies"} verified.${legacy}`;
  const b = v.broken;
  const where = zh ? `${b.sheet} 第 ${b.row} 行` : `${b.sheet} row ${b.row}`;
  const found = b.foundAt
    ? zh
      ? `${b.foundAt.sheet} 第 ${b.foundAt.row} 行`
      : `${b.foundAt.sheet} row ${b.foundAt.row}`
    : "";
  const range = b.count > 1 ? `#${b.expected}–#${b.expected + b.count - 1}` : `#${b.expected}`;
  const head = zh
    ? `审计日志在 ${where} 处断开(此前 ${v.entries} 条已校验):`
    : `The audit log is broken at ${where} (${v.entries} entries verified before it): `;
  const what: Record<AuditBreakKind, string> = zh
    ? {
        edited: `第 #${b.expected} 条在写入后被修改。`,
        deleted: `条目 ${range} 已被删除。`,
        inserted: `${b.count} 行不属于日志(被插入)。`,
        reordered: `顺序被打乱:第 #${b.expected} 条位于 ${found}。`,
      }
    : {
        edited: `entry #${b.expected} was edited after it was written.`,
        deleted: `entr${b.count === 1 ? "y" : "ies"} ${range} ${b.count === 1 ? "was" : "were"} deleted.`,
        inserted: `${b.count} row${b.count === 1 ? " was" : "s were"} inserted (not written by the add-on).`,
        reordered: `entries were reordered: entry #${b.expected} is at ${found}.`,
      };
  return head + what[b.kind] + legacy;
}
