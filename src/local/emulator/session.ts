import { wrap, type Env } from "./env";
import { userApi } from "./protection";

/** Session: who is running, in which locale and script zone (all set per test). */
export class SessionApi {
  constructor(private readonly _env: Env) {}
  getActiveUser(): GoogleAppsScript.Base.User {
    return userApi(this._env, this._env.session.activeUser);
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
