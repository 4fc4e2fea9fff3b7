/**
 * The browser kernel's main-thread half: a JupyterLite BaseKernel that
 * forwards each execute_request to the Web Worker `alliance/worker.js`
 * (built by scripts/lite/bundle.ts from lite/worker/) and turns the worker's
 * messages into Jupyter display_data, stream, execute_result and error
 * messages. The worker does the work: TypeScript transpilation, the library,
 * the notebook's state. Interrupt restarts nothing; restart makes a new
 * worker (JupyterLite creates a new kernel object).
 */
import { BaseKernel } from "@jupyterlite/services";
import type { IKernel } from "@jupyterlite/services";
import type { KernelMessage } from "@jupyterlab/services";

type Bundle = Record<string, unknown>;

interface WorkerMessage {
  type: "ready" | "fatal" | "display" | "stream" | "done";
  id?: number;
  message?: string;
  data?: Bundle;
  name?: "stdout" | "stderr";
  text?: string;
  result?: Bundle;
  error?: { ename: string; evalue: string; traceback: string[] };
}

export interface AllianceKernelOptions extends IKernel.IOptions {
  /** Base URL of the JupyterLite site (where `alliance/` lives). */
  siteUrl: string;
}

export class AllianceKernel extends BaseKernel {
  private readonly worker: Worker;
  private readonly started: Promise<void>;
  private nextId = 1;
  private readonly pending = new Map<number, (m: WorkerMessage) => void>();

  constructor(options: AllianceKernelOptions) {
    super(options);
    const base = options.siteUrl.endsWith("/") ? options.siteUrl : `${options.siteUrl}/`;
    this.worker = new Worker(`${base}alliance/worker.js`);
    let ready: () => void = () => undefined;
    let fail: (e: Error) => void = () => undefined;
    this.started = new Promise<void>((resolve, reject) => {
      ready = resolve;
      fail = reject;
    });
    this.worker.onmessage = (ev: MessageEvent<WorkerMessage>) => {
      const m = ev.data;
      if (m.type === "ready") ready();
      else if (m.type === "fatal") fail(new Error(m.message));
      else if (m.id !== undefined) this.pending.get(m.id)?.(m);
    };
    this.worker.onerror = (ev) =>
      fail(new Error(`browser kernel worker failed to load: ${ev.message}`));
    this.worker.postMessage({ type: "init", siteUrl: base });
  }

  get ready(): Promise<void> {
    return this.started;
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.worker.terminate();
    super.dispose();
  }

  kernelInfoRequest(): Promise<KernelMessage.IInfoReplyMsg["content"]> {
    return Promise.resolve({
      implementation: "alliance-lite",
      implementation_version: "0.1.0",
      language_info: {
        codemirror_mode: { name: "javascript", typescript: true },
        file_extension: ".ts",
        mimetype: "text/typescript",
        name: "typescript",
        nbconvert_exporter: "script",
        pygments_lexer: "typescript",
        version: "5.4",
      },
      protocol_version: "5.3",
      status: "ok",
      banner: "TypeScript in the browser (JupyterLite) with the alliance seminar library",
      help_links: [],
    });
  }

  async executeRequest(
    content: KernelMessage.IExecuteRequestMsg["content"],
  ): Promise<KernelMessage.IExecuteReplyMsg["content"]> {
    await this.started;
    const id = this.nextId++;
    const parent = this.parentHeader;
    const done = await new Promise<WorkerMessage>((resolve) => {
      this.pending.set(id, (m) => {
        if (m.type === "display" && m.data)
          this.displayData({ data: m.data as never, metadata: {}, transient: {} }, parent);
        else if (m.type === "stream" && m.name)
          this.stream({ name: m.name, text: m.text ?? "" }, parent);
        else if (m.type === "done") resolve(m);
      });
      this.worker.postMessage({ type: "execute", id, code: content.code });
    });
    this.pending.delete(id);
    if (done.error) {
      this.publishExecuteError(done.error, parent);
      return { status: "error", execution_count: this.executionCount, ...done.error };
    }
    if (done.result) {
      this.publishExecuteResult(
        { execution_count: this.executionCount, data: done.result as never, metadata: {} },
        parent,
      );
    }
    return { status: "ok", execution_count: this.executionCount, user_expressions: {} };
  }

  completeRequest(
    content: KernelMessage.ICompleteRequestMsg["content"],
  ): Promise<KernelMessage.ICompleteReplyMsg["content"]> {
    return Promise.resolve({
      matches: [],
      cursor_start: content.cursor_pos,
      cursor_end: content.cursor_pos,
      metadata: {},
      status: "ok",
    });
  }

  inspectRequest(): Promise<KernelMessage.IInspectReplyMsg["content"]> {
    return Promise.resolve({ status: "ok", found: false, data: {}, metadata: {} });
  }

  isCompleteRequest(): Promise<KernelMessage.IIsCompleteReplyMsg["content"]> {
    return Promise.resolve({ status: "complete" });
  }

  commInfoRequest(): Promise<KernelMessage.ICommInfoReplyMsg["content"]> {
    return Promise.resolve({ comms: {}, status: "ok" });
  }

  inputReply(): void {}
  async commOpen(): Promise<void> {}
  async commMsg(): Promise<void> {}
  async commClose(): Promise<void> {}
}
