import { call } from "./rpc";

async function start(): Promise<void> {
  const app = document.getElementById("app")!;
  const info = await call("getSessionInfo");
  app.textContent = `Sheet CRM — ${info.spreadsheetName}`;
}

void start();
