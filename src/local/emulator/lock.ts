import { gasError, wrap, type Env } from "./env";

export const LOCK_TIMEOUT_TEXT = "Lock timeout: another process was holding the lock for too long.";

/** Lock state shared by every Lock object of one scope; contention is a fault switch. */
export interface LockState {
  held: boolean;
}

/** A Lock: tryLock/waitLock/hasLock/releaseLock. Waiting under contention costs emulated time. */
export class LockApi {
  private _mine = false;
  constructor(
    private readonly _env: Env,
    private readonly _state: LockState,
    private readonly _contended: () => boolean,
  ) {}
  tryLock(timeoutInMillis: number): boolean {
    if (this._mine) return true;
    if (this._contended() || this._state.held) {
      this._env.clock.advance(Math.max(0, Number(timeoutInMillis) || 0));
      return false;
    }
    this._state.held = true;
    this._mine = true;
    return true;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw gasError(this._env, LOCK_TIMEOUT_TEXT);
  }
  hasLock(): boolean {
    return this._mine;
  }
  releaseLock(): void {
    if (this._mine) this._state.held = false;
    this._mine = false;
  }
}

export class LockServiceApi {
  constructor(
    private readonly _env: Env,
    readonly _states: Map<string, LockState>,
    private readonly _contended: () => boolean,
  ) {}
  private _lock(scope: string): LockApi {
    let s = this._states.get(scope);
    if (!s) this._states.set(scope, (s = { held: false }));
    return wrap(this._env, "Lock", new LockApi(this._env, s, this._contended));
  }
  getDocumentLock(): LockApi {
    return this._lock("document");
  }
  getScriptLock(): LockApi {
    return this._lock("script");
  }
  getUserLock(): LockApi {
    return this._lock(`user:${this._env.session.activeUser}`);
  }
}
