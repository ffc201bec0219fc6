/**
 * The menu item "Set up wizard / 设置向导": opens the sidebar on the wizard. The sidebar is the same page
 * as "Open sidebar"; a marker appended to it (HtmlOutput.append,
 * https://developers.google.com/apps-script/reference/html/html-output#append(String)) tells it which view
 * to start on, so nothing is stored to say so.
 */
export const WIZARD_START_MARK = '<meta name="sheet-crm-start" content="wizard">';

export function menuSetupWizard(): void {
  const html = HtmlService.createHtmlOutputFromFile("Sidebar")
    .setTitle("Sheet CRM")
    .append(WIZARD_START_MARK);
  SpreadsheetApp.getUi().showSidebar(html);
}
