import { escapeHtml, headerSafe, isEmail } from "../../../src/core/notify/escape";
import { fillTemplate } from "../../../src/core/notify/template";

describe("escaping", () => {
  it("escapes markup and attribute quotes", () => {
    expect(escapeHtml(`<img src=x onerror=alert(1)>"'&`)).toBe(
      "&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;",
    );
  });

  it("keeps header injection out of subjects and names", () => {
    const s = headerSafe("Bob\r\nBcc: evil@x.com");
    expect(s).not.toMatch(/[\r\n]/);
    expect(s).toBe("Bob Bcc: evil@x.com");
    expect(headerSafe("a\u0000b\u2028c\td")).toBe("a b c d");
  });

  it("accepts only single plain addresses", () => {
    expect(isEmail("ann@example.com")).toBe(true);
    expect(isEmail("ann@example.com, bob@example.com")).toBe(false);
    expect(isEmail("Ann <ann@example.com>")).toBe(false);
    expect(isEmail("ann@example.com\r\nBcc: x@y.z")).toBe(false);
  });
});

describe("templates", () => {
  const values = { Name: `<img src=x onerror=alert(1)>`, Owner: "Li Lei" };

  it("escapes values and the template in HTML, keeps them raw in text", () => {
    const html = fillTemplate("Dear {{Name}} & co,\n{{ owner }} here", values, "html");
    expect(html).toBe("Dear &lt;img src=x onerror=alert(1)&gt; &amp; co,<br>\nLi Lei here");
    expect(fillTemplate("Dear {{Name}}", values, "text")).toBe("Dear <img src=x onerror=alert(1)>");
  });

  it("leaves unknown placeholders visible", () => {
    expect(fillTemplate("Hi {{Nmae}}", values, "text")).toBe("Hi {{Nmae}}");
  });
});
