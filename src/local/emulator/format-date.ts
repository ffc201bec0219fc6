import { DAY_NAMES, MONTH_NAMES, offsetMinutes, zonedParts, zonedToEpoch, zoneLabel } from "./zone";

type Token =
  | { readonly kind: "field"; readonly letter: string; readonly width: number }
  | { readonly kind: "text"; readonly text: string };

/** Splits a java.text.SimpleDateFormat pattern into runs of one letter and quoted/other literals. */
function tokenize(pattern: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i];
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out.push({ kind: "text", text: "'" });
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = "";
      while (j < pattern.length) {
        if (pattern[j] === "'" && pattern[j + 1] === "'") {
          text += "'";
          j += 2;
        } else if (pattern[j] === "'") break;
        else text += pattern[j++];
      }
      out.push({ kind: "text", text });
      i = j + 1;
    } else if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      if (!/[GyYMLdHhkKmsSEuazZXDwWF]/.test(ch)) throw new Error(`Illegal pattern character '${ch}'`);
      out.push({ kind: "field", letter: ch, width: j - i });
      i = j;
    } else {
      out.push({ kind: "text", text: ch });
      i++;
    }
  }
  return out;
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");

function offsetText(minutes: number, letter: "Z" | "X", width: number): string {
  if (letter === "X" && minutes === 0) return "Z";
  const sign = minutes < 0 ? "-" : "+";
  const a = Math.abs(minutes);
  const hh = pad(Math.floor(a / 60), 2);
  const mm = pad(a % 60, 2);
  if (letter === "X")
    return width === 1 ? `${sign}${hh}` : width === 2 ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
  return `${sign}${hh}${mm}`;
}

function dayOfYear(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
}

/** Utilities.formatDate: `ms` rendered in `tz` with a Java SimpleDateFormat pattern (English names). */
export function formatDate(ms: number, tz: string, pattern: string): string {
  const p = zonedParts(ms, tz);
  return tokenize(pattern)
    .map((t) => {
      if (t.kind === "text") return t.text;
      const w = t.width;
      switch (t.letter) {
        case "G":
          return p.year > 0 ? "AD" : "BC";
        case "y":
        case "Y":
          return w === 2 ? pad(p.year % 100, 2) : pad(p.year, w);
        case "M":
        case "L":
          return w >= 4
            ? MONTH_NAMES[p.month - 1]
            : w === 3
              ? MONTH_NAMES[p.month - 1].slice(0, 3)
              : pad(p.month, w);
        case "d":
          return pad(p.day, w);
        case "H":
          return pad(p.hour, w);
        case "k":
          return pad(p.hour === 0 ? 24 : p.hour, w);
        case "K":
          return pad(p.hour % 12, w);
        case "h":
          return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, w);
        case "m":
          return pad(p.minute, w);
        case "s":
          return pad(p.second, w);
        case "S":
          return pad(p.millisecond, w);
        case "E":
          return w >= 4 ? DAY_NAMES[p.weekday] : DAY_NAMES[p.weekday].slice(0, 3);
        case "u":
          return pad(p.weekday === 0 ? 7 : p.weekday, w);
        case "a":
          return p.hour < 12 ? "AM" : "PM";
        case "z":
          return zoneLabel(ms, tz);
        case "Z":
          return offsetText(offsetMinutes(ms, tz), "Z", w);
        case "X":
          return offsetText(offsetMinutes(ms, tz), "X", w);
        case "D":
          return pad(dayOfYear(p.year, p.month, p.day), w);
        default:
          throw new Error(`Illegal pattern character '${t.letter}'`);
      }
    })
    .join("");
}

/**
 * Utilities.parseDate: reads `text` with a SimpleDateFormat pattern as wall-clock time in `tz`
 * (an explicit Z/X offset in the text wins). Throws Java's "Unparseable date" text on mismatch.
 */
export function parseDate(text: string, tz: string, pattern: string): number {
  const fail = () => new Error(`Unparseable date: "${text}"`);
  const f = {
    year: 1970,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
    ms: 0,
    pm: null as boolean | null,
  };
  let offset: number | null = null;
  let i = 0;
  const tokens = tokenize(pattern);
  tokens.forEach((t, k) => {
    if (t.kind === "text") {
      if (text.slice(i, i + t.text.length) !== t.text) throw fail();
      i += t.text.length;
      return;
    }
    const next = tokens[k + 1];
    const adjacentNumber = next?.kind === "field";
    if (t.letter === "M" && t.width >= 3) {
      const rest = text.slice(i).toLowerCase();
      const idx = MONTH_NAMES.findIndex((n) =>
        rest.startsWith(t.width >= 4 ? n.toLowerCase() : n.slice(0, 3).toLowerCase()),
      );
      if (idx < 0) throw fail();
      f.month = idx + 1;
      i += t.width >= 4 ? MONTH_NAMES[idx].length : 3;
      return;
    }
    if (t.letter === "E") {
      const rest = text.slice(i).toLowerCase();
      const name =
        DAY_NAMES.find((n) => rest.startsWith(n.toLowerCase())) ??
        DAY_NAMES.find((n) => rest.startsWith(n.slice(0, 3).toLowerCase()));
      if (!name) throw fail();
      i += rest.startsWith(name.toLowerCase()) ? name.length : 3;
      return;
    }
    if (t.letter === "a") {
      const two = text.slice(i, i + 2).toUpperCase();
      if (two !== "AM" && two !== "PM") throw fail();
      f.pm = two === "PM";
      i += 2;
      return;
    }
    if (t.letter === "Z" || t.letter === "X" || t.letter === "z") {
      const m = /^(?:Z|(?:GMT|UTC)?([+-])(\d{2}):?(\d{2})?)/.exec(text.slice(i));
      if (!m) throw fail();
      offset = m[0] === "Z" ? 0 : (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
      i += m[0].length;
      return;
    }
    const re = adjacentNumber ? new RegExp(`^[+-]?\\d{1,${t.width}}`) : /^[+-]?\d+/;
    const m = re.exec(text.slice(i));
    if (!m) throw fail();
    i += m[0].length;
    const n = Number(m[0]);
    switch (t.letter) {
      case "y":
      case "Y":
        f.year = t.width === 2 && m[0].length === 2 ? 2000 + n : n;
        break;
      case "M":
      case "L":
        f.month = n;
        break;
      case "d":
        f.day = n;
        break;
      case "H":
      case "k":
        f.hour = n % 24;
        break;
      case "h":
      case "K":
        f.hour = n % 12;
        break;
      case "m":
        f.minute = n;
        break;
      case "s":
        f.second = n;
        break;
      case "S":
        f.ms = n;
        break;
      default:
        break;
    }
  });
  if (f.pm) f.hour += 12;
  if (offset !== null) {
    return (
      Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.ms) - (offset as number) * 60_000
    );
  }
  return zonedToEpoch(tz, f.year, f.month, f.day, f.hour, f.minute, f.second, f.ms);
}
