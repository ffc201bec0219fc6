import type { ChannelRequest } from "../../../core/notify/channels";

/**
 * The add-on's one use of UrlFetchApp: posting to a chat robot or SMS gateway the owner or a manager
 * configured in Settings → Channels (never a URL from a cell). muteHttpExceptions so each platform's
 * answer is judged by its own codes (core/notify/channels/answer.ts); redirects are not followed (a
 * webhook that redirects is misconfigured, and a redirect must not carry the message elsewhere).
 * https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app#fetch(String,Object)
 */
export function fetchChannel(request: ChannelRequest): { readonly status: number; readonly body: string } {
  const response = UrlFetchApp.fetch(request.url, {
    method: request.method,
    contentType: request.contentType,
    headers: request.headers,
    ...(request.payload ? { payload: request.payload } : {}),
    muteHttpExceptions: true,
    followRedirects: false,
    validateHttpsCertificates: true,
  });
  return { status: response.getResponseCode(), body: response.getContentText() };
}

/**
 * base64(HMAC-SHA256(message, key)) with Apps Script's own primitives, for the robots' signatures.
 * https://developers.google.com/apps-script/reference/utilities/utilities#computeHmacSha256Signature(String,String)
 */
export function hmacBase64(message: string, key: string): string {
  return Utilities.base64Encode(Utilities.computeHmacSha256Signature(message, key));
}
