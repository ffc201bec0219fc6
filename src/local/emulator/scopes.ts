/**
 * The OAuth scopes a call needs, from the "Authorization" section of each method's reference page. A
 * script whose manifest (appsscript.json `oauthScopes`) lists none of them is refused with Apps Script's
 * text. Only the members the add-on uses that need more than the scopes every add-on has are listed.
 * https://developers.google.com/apps-script/concepts/scopes
 */
const SPREADSHEETS = "https://www.googleapis.com/auth/spreadsheets";
const CURRENT_ONLY = "https://www.googleapis.com/auth/spreadsheets.currentonly";

/** "Class.member" → scopes any one of which allows it. */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#create(String)
  "SpreadsheetApp.create": [SPREADSHEETS],
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openById(String)
  "SpreadsheetApp.openById": [SPREADSHEETS],
  "SpreadsheetApp.openByUrl": [SPREADSHEETS],
  "SpreadsheetApp.getActive": [CURRENT_ONLY, SPREADSHEETS],
  "SpreadsheetApp.getActiveSpreadsheet": [CURRENT_ONLY, SPREADSHEETS],
  // https://developers.google.com/apps-script/reference/mail/mail-app#sendEmail(Object)
  "MailApp.sendEmail": ["https://www.googleapis.com/auth/script.send_mail"],
  // https://developers.google.com/apps-script/reference/script/script-app#newTrigger(String)
  "ScriptApp.newTrigger": ["https://www.googleapis.com/auth/script.scriptapp"],
  "ScriptApp.getUserTriggers": ["https://www.googleapis.com/auth/script.scriptapp"],
  "ScriptApp.getProjectTriggers": ["https://www.googleapis.com/auth/script.scriptapp"],
  // https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app#fetch(String,Object)
  "UrlFetchApp.fetch": ["https://www.googleapis.com/auth/script.external_request"],
  "UrlFetchApp.fetchAll": ["https://www.googleapis.com/auth/script.external_request"],
  // https://developers.google.com/apps-script/reference/forms/form-app#create(String)
  "FormApp.create": ["https://www.googleapis.com/auth/forms"],
  // https://developers.google.com/apps-script/reference/forms/form-app#openById(String)
  "FormApp.openById": ["https://www.googleapis.com/auth/forms"],
  "FormApp.openByUrl": ["https://www.googleapis.com/auth/forms"],
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#getUi()
  "SpreadsheetApp.getUi": ["https://www.googleapis.com/auth/script.container.ui"],
  // The BigQuery advanced service: every method's REST reference lists the bigquery scope (or cloud-platform)
  // https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query#authorization-scopes
  ...Object.fromEntries(
    [
      "Jobs.query",
      "Jobs.getQueryResults",
      "Jobs.insert",
      "Jobs.get",
      "Tabledata.insertAll",
      "Tables.get",
      "Tables.insert",
      "Datasets.get",
      "Datasets.insert",
    ].map((m) => [
      `BigQuery.${m}`,
      ["https://www.googleapis.com/auth/bigquery", "https://www.googleapis.com/auth/cloud-platform"],
    ]),
  ),
};

/** Apps Script's refusal when the manifest lacks every scope a call needs. */
export function missingScopeText(key: string, required: readonly string[]): string {
  return `You do not have permission to call ${key}. Required permissions: ${required.join(" || ")}`;
}

/** The refusal for `key` under the manifest's `granted` scopes, or null when the call is allowed. */
export function scopeRefusal(key: string, granted: ReadonlySet<string> | null): string | null {
  if (!granted) return null;
  const required = REQUIRED[key];
  if (!required || required.some((s) => granted.has(s))) return null;
  return missingScopeText(key, required);
}
