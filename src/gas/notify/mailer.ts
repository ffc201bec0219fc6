import type { DateKey } from "../../core/calendar";
import type { RenderedMail } from "../../core/notify/digest";
import { headerSafe, isEmail } from "../../core/notify/escape";
import { say } from "../../core/notify/text";
import { bookLang } from "./mail-lang";

/** The calendar day now in the spreadsheet's zone: the only "today" the feature knows. */
export function todayIn(zone: string): DateKey {
  return Utilities.formatDate(new Date(), zone, "yyyy-MM-dd");
}

/**
 * Sends one mail to one address. Subject, sender name and reply-to go through headerSafe / isEmail, so sheet
 * data can never add a header or a recipient; a bad address throws before anything is sent.
 */
export function sendMail(to: string, mail: RenderedMail, senderName: string, replyTo?: string): void {
  // The message becomes the SendLog note of the failed send.
  if (!isEmail(to)) throw new Error(say("log", "notAddress", bookLang(), { to }));
  MailApp.sendEmail({
    to,
    subject: headerSafe(mail.subject),
    body: mail.text,
    htmlBody: mail.html,
    name: headerSafe(senderName, 60) || "Sheet CRM",
    ...(replyTo && isEmail(replyTo) ? { replyTo } : {}),
  });
}
