import type { KernelMessage, ServiceManager, Session } from '@jupyterlab/services';
import {
  ACTION_PROGRESS_MIME,
  ACTION_RESULT_MIME,
  actionCode,
  type ActionProgress,
  type ActionRequest,
  type ActionResult,
} from 'mixmodeler-kernel/dist/action-protocol';

export type { ActionProgress, ActionRequest, ActionResult };

/** The kernel session's path: at the server root, so the kernel's working folder holds the workspace. */
const SESSION_PATH = 'mixmodeler-actions';

/**
 * Runs model actions through lib in one tslab kernel session, started on first use (its working folder
 * is the server root, where the workspace store is). Actions run one at a time, in order; each sends
 * `runAction(request)` from mixmodeler-kernel and reads the progress and the result from its display
 * messages. A dead kernel is replaced on the next action.
 */
export class ActionRunner {
  private _session: Session.ISessionConnection | null = null;
  private _starting: Promise<Session.ISessionConnection> | null = null;
  private _queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly services: ServiceManager.IManager) {}

  /** Runs one action; resolves with its result, or with `ok: false` and the message when it failed. */
  run(request: ActionRequest, onProgress?: (p: ActionProgress) => void): Promise<ActionResult> {
    const next = this._queue.then(() => this.execute(request, onProgress));
    this._queue = next.catch(() => undefined);
    return next;
  }

  dispose(): void {
    void this._session?.shutdown();
    this._session = null;
  }

  private async session(): Promise<Session.ISessionConnection> {
    const alive = this._session && !this._session.isDisposed && this._session.kernel?.status !== 'dead';
    if (alive) return this._session!;
    this._starting ??= this.services.sessions
      .startNew({ path: SESSION_PATH, name: SESSION_PATH, type: 'mixmodeler', kernel: { name: 'tslab' } })
      .finally(() => (this._starting = null));
    this._session = await this._starting;
    return this._session;
  }

  private async execute(request: ActionRequest, onProgress?: (p: ActionProgress) => void): Promise<ActionResult> {
    const failed = (error: string): ActionResult => ({ ok: false, action: request.action, error, code: 'E_KERNEL' });
    let session: Session.ISessionConnection;
    try {
      session = await this.session();
    } catch (e) {
      return failed(`could not start the TypeScript (tslab) kernel: ${(e as Error).message}`);
    }
    const kernel = session.kernel;
    if (!kernel) return failed('the mixmodeler kernel session has no kernel');
    const future = kernel.requestExecute({ code: actionCode(request), silent: false, store_history: false });
    let result: ActionResult | null = null;
    let kernelError: string | null = null;
    // tslab reports compile errors and uncaught exceptions on stderr, not as error messages.
    let stderr = '';
    future.onIOPub = (msg: KernelMessage.IIOPubMessage) => {
      const type = msg.header.msg_type;
      if (type === 'display_data' || type === 'update_display_data') {
        const data = (msg.content as KernelMessage.IDisplayDataMsg['content']).data;
        if (data[ACTION_PROGRESS_MIME]) onProgress?.(data[ACTION_PROGRESS_MIME] as unknown as ActionProgress);
        if (data[ACTION_RESULT_MIME]) result = data[ACTION_RESULT_MIME] as unknown as ActionResult;
      } else if (type === 'error') {
        const c = msg.content as KernelMessage.IErrorMsg['content'];
        kernelError = `${c.ename}: ${c.evalue}`;
      } else if (type === 'stream') {
        const c = msg.content as KernelMessage.IStreamMsg['content'];
        if (c.name === 'stderr') stderr += c.text;
      }
    };
    try {
      await future.done;
    } catch (e) {
      kernelError ??= (e as Error).message;
    }
    const said = stderr.trim();
    const detail = said.length > 300 ? `${said.slice(0, 300)}…` : said;
    return result ?? failed(kernelError ?? `the kernel gave no result${detail ? `: ${detail}` : ''}`);
  }
}
