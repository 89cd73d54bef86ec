// Automations and scripts: list with enable/disable/run, YAML editor (lazy chunk), run traces.
import { html, css, nothing } from "lit";
import type { HassEntity } from "home-assistant-js-websocket";
import { HubView, unavailable } from "../lib/view";
import { shared } from "../lib/styles";
import { errorText, isUnknownCommand } from "../lib/hub";
import { domainOf, relativeTime, timeText } from "../lib/format";

interface TraceSummary {
  run_id: string;
  item_id?: string;
  domain?: string;
  state?: string;
  script_execution?: string | null;
  timestamp?: { start: string; finish?: string | null };
  trigger?: string | null;
  error?: string;
  last_step?: string | null;
}

export class AutomationsView extends HubView {
  static properties = {
    ...HubView.properties,
    path: { attribute: false },
    message: { state: true },
    traces: { state: true },
    trace: { state: true },
    traceError: { state: true },
    editorReady: { state: true },
  };
  declare path: string[];
  declare message: string;
  declare traces: TraceSummary[] | null;
  declare trace: Record<string, unknown> | null;
  declare traceError: string;
  declare editorReady: boolean;
  private traceKey = "";

  constructor() {
    super();
    this.path = [];
    this.message = "";
    this.traces = null;
    this.trace = null;
    this.traceError = "";
    this.editorReady = false;
  }

  static styles = [
    shared,
    css`
      td.actions {
        white-space: nowrap;
        text-align: right;
      }
      td.actions button,
      td.actions a {
        margin-left: 0.3rem;
      }
      a.btn {
        text-decoration: none;
        display: inline-block;
      }
      pre {
        white-space: pre-wrap;
        font-size: 0.8rem;
        background: var(--bg);
        padding: 0.6rem;
        border-radius: 6px;
        max-height: 60vh;
        overflow: auto;
      }
      .table-wrap {
        overflow-x: auto;
      }
    `,
  ];

  private items(domain: string): HassEntity[] {
    return Object.values(this.hub.entities)
      .filter((s) => domainOf(s.entity_id) === domain)
      .sort((a, b) => this.hub.name(a.entity_id).localeCompare(this.hub.name(b.entity_id)));
  }

  private async act(domain: string, service: string, entityId: string, done: string): Promise<void> {
    try {
      await this.hub.callService(domain, service, { entity_id: entityId });
      this.message = done;
    } catch (err) {
      this.message = errorText(err);
    }
  }

  protected willUpdate(): void {
    const [mode, domain, id, runId] = this.path;
    if (mode === "edit" && !this.editorReady) {
      void import("./automation-editor").then(() => (this.editorReady = true));
    }
    if (mode === "traces" && domain && id) {
      const key = this.path.join("/");
      if (key !== this.traceKey) {
        this.traceKey = key;
        void this.loadTraces(domain, id, runId);
      }
    }
  }

  private async loadTraces(domain: string, itemId: string, runId?: string): Promise<void> {
    this.traceError = "";
    try {
      this.traces = await this.hub.call<TraceSummary[]>({ type: "trace/list", domain, item_id: itemId });
      const pick = runId ?? this.traces.at(-1)?.run_id;
      this.trace = pick
        ? await this.hub.call<Record<string, unknown>>({ type: "trace/get", domain, item_id: itemId, run_id: pick })
        : null;
    } catch (err) {
      this.traces = null;
      this.trace = null;
      this.traceError = isUnknownCommand(err) ? unavailable("Run traces (trace/list)") : errorText(err);
    }
  }

  render() {
    const [mode, a, b] = this.path;
    if (mode === "edit") {
      const domain = a === "script" ? "script" : "automation";
      const id = a === "script" || a === "automation" ? b : a;
      return this.editorReady
        ? html`<bastion-automation-editor .hub=${this.hub} .domain=${domain} .itemId=${id ?? ""}></bastion-automation-editor>`
        : html`<p class="muted">Loading editor…</p>`;
    }
    if (mode === "traces") return this.renderTraces(a, b);
    return html`
      <div class="row">
        <h1>Automations</h1>
        <span class="spacer"></span>
        <a class="btn" href="#/automations/edit/automation/new">New automation</a>
      </div>
      ${this.message ? html`<p role="status">${this.message}</p>` : nothing}
      ${this.renderTable("automation")}
      <h1 style="margin-top:1.2rem">Scripts</h1>
      ${this.renderTable("script")}
    `;
  }

  private renderTable(domain: string) {
    const items = this.items(domain);
    if (!items.length) return html`<p class="muted">None configured.</p>`;
    return html`<div class="card table-wrap"><table>
      <thead><tr><th>Name</th><th>State</th><th>Last run</th><th><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>
        ${items.map((s) => {
          const id = String(s.attributes.id ?? s.entity_id.split(".")[1]);
          const name = this.hub.name(s.entity_id);
          const on = s.state === "on";
          const last = s.attributes.last_triggered as string | null | undefined;
          return html`<tr data-entity=${s.entity_id}>
            <td>${name}</td>
            <td>
              ${domain === "automation"
                ? html`<span class="badge ${on ? "on" : ""}">${on ? "Enabled" : "Disabled"}</span>`
                : html`<span class="badge ${on ? "on" : ""}">${on ? "Running" : "Idle"}</span>`}
            </td>
            <td class="small">${last ? html`<span title=${timeText(last)}>${relativeTime(last)}</span>` : "never"}</td>
            <td class="actions">
              ${domain === "automation"
                ? html`<button
                      aria-label="${on ? "Disable" : "Enable"} ${name}"
                      @click=${() => this.act("automation", on ? "turn_off" : "turn_on", s.entity_id, on ? `${name} disabled.` : `${name} enabled.`)}
                    >
                      ${on ? "Disable" : "Enable"}
                    </button>
                    <button aria-label="Run ${name}" @click=${() => this.act("automation", "trigger", s.entity_id, `${name} ran.`)}>Run</button>`
                : html`<button aria-label="Run ${name}" @click=${() => this.act("script", "turn_on", s.entity_id, `${name} started.`)}>Run</button>`}
              <a class="btn" href="#/automations/edit/${domain}/${encodeURIComponent(id)}" aria-label="Edit ${name}">Edit</a>
              <a class="btn" href="#/automations/traces/${domain}/${encodeURIComponent(id)}" aria-label="Traces of ${name}">Traces</a>
            </td>
          </tr>`;
        })}
      </tbody>
    </table></div>`;
  }

  private renderTraces(domain: string, itemId: string) {
    return html`
      <div class="row">
        <a class="btn" href="#/automations">← Back</a>
        <h1>Traces · ${domain}.${itemId}</h1>
      </div>
      ${this.traceError ? html`<p class="notice">${this.traceError}</p>` : nothing}
      ${this.traces && !this.traces.length ? html`<p class="muted">No runs recorded yet.</p>` : nothing}
      ${this.traces?.length
        ? html`<div class="card"><table>
            <thead><tr><th>Started</th><th>Result</th><th>Trigger</th><th></th></tr></thead>
            <tbody>
              ${[...this.traces].reverse().map(
                (t) => html`<tr>
                  <td>${t.timestamp ? timeText(t.timestamp.start) : "—"}</td>
                  <td>${t.script_execution ?? t.state ?? ""} ${t.error ? html`<span class="error">${t.error}</span>` : nothing}</td>
                  <td>${t.trigger ?? ""}</td>
                  <td><a class="btn" href="#/automations/traces/${domain}/${encodeURIComponent(itemId)}/${t.run_id}">Show</a></td>
                </tr>`,
              )}
            </tbody>
          </table></div>`
        : nothing}
      ${this.trace ? html`<h2 style="margin-top:1rem">Run details</h2><pre>${JSON.stringify(this.trace, null, 2)}</pre>` : nothing}
    `;
  }
}
customElements.define("bastion-automations", AutomationsView);
