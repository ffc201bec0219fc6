import { wrap, type Env } from "./env";
import { activeUserEmail } from "./identity";
import { userApi } from "./protection";

/** Session: who is running, in which locale and script zone (all set per test). */
export class SessionApi {
  constructor(private readonly _env: Env) {}
  /** The active user, whose e-mail is "" unless identity.ts's rules let the script see it. */
  getActiveUser(): GoogleAppsScript.Base.User {
    return userApi(this._env, activeUserEmail(this._env.session));
  }
  getEffectiveUser(): GoogleAppsScript.Base.User {
    return userApi(this._env, this._env.session.effectiveUser);
  }
  getActiveUserLocale(): string {
    return this._env.session.locale;
  }
  getScriptTimeZone(): string {
    return this._env.session.scriptTimeZone;
  }
  getTemporaryActiveUserKey(): string {
    return Buffer.from(`key:${this._env.session.activeUser}`).toString("base64");
  }
}

export function sessionApi(env: Env): SessionApi {
  return wrap(env, "Session", new SessionApi(env));
}
