// "Properties value size 9 KB / val", "Properties total storage 500 KB / property store".
// https://developers.google.com/apps-script/guides/services/quotas#current_limitations
import { createProject } from "../../../../src/local/emulator";
import { emulated } from "./harness";

const FULL = "You have exceeded the property storage quota. Please remove some properties and try again.";

describe("property limits", () => {
  it("refuses a value over 9 KB (UTF-8 bytes of key and value)", () => {
    const { PropertiesService } = emulated();
    const props = PropertiesService.getUserProperties();
    props.setProperty("k", "x".repeat(9 * 1024 - 1));
    expect(() => props.setProperty("k", "x".repeat(9 * 1024))).toThrow("Value too large for property");
    expect(() => props.setProperty("zh", "中".repeat(3072))).toThrow("Value too large for property");
  });

  it("refuses a store over 500 KB, the script store counting every document's writes", () => {
    const project = createProject();
    const a = emulated({ project });
    const b = emulated({ project });
    const chunk = "x".repeat(9000);
    for (let i = 0; i < 28; i++) a.PropertiesService.getScriptProperties().setProperty(`a${i}`, chunk);
    for (let i = 0; i < 28; i++) b.PropertiesService.getScriptProperties().setProperty(`b${i}`, chunk);
    expect(() => b.PropertiesService.getScriptProperties().setProperty("c", chunk)).toThrow(FULL);
    // The document stores are separate and still empty.
    b.PropertiesService.getDocumentProperties().setProperty("c", chunk);
  });
});
