// History (uPlot graphs for numeric sensors, timelines for on/off) and the logbook.
import { html, css, nothing, unsafeCSS } from "lit";
import type uPlotType from "uplot";
import uplotCss from "uplot/dist/uPlot.min.css?inline";
import { HubView, unavailable } from "../lib/view";
import { shared } from "../lib/styles";
import { errorText, isUnknownCommand } from "../lib/hub";
import { domainOf, timeText } from "../lib/format";

type Row = { s: string; lu?: number; lc?: number };
const RANGES: [string, number][] = [
  ["1 hour", 1],
  ["6 hours", 6],
  ["24 hours", 24],
  ["7 days", 168],
];
const DEFAULT_ENTITY_LIMIT = 8;

const isNumeric = (rows: Row[]): boolean =>
  rows.length > 0 && rows.every((r) => r.s === "unavailable" || r.s === "unknown" || Number.isFinite(Number(r.s)));

export class HistoryView extends HubView {
  static properties = {
    ...HubView.properties,
    hours: { state: true },
    selected: { state: true },
    data: { state: true },
    error: { state: true },
  };
  declare hours: number;
  declare selected: string[];
  declare data: Record<string, Row[]> | null;
  declare error: string;
  private charts: uPlotType[] = [];

  constructor() {
    super();
    this.hours = 24;
    this.selected = [];
    this.data = null;
    this.error = "";
  }

  static styles = [
    shared,
    unsafeCSS(uplotCss),
    css`
      .chart {
        margin: 0.6rem 0 1rem;
        overflow: hidden;
      }
      .timeline {
        display: flex;
        height: 26px;
        border-radius: 6px;
        overflow: hidden;
        border: 1px solid var(--border);
      }
      .seg {
        height: 100%;
        font-size: 0.7rem;
        color: #fff;
        overflow: hidden;
        white-space: nowrap;
        padding: 0 2px;
        line-height: 26px;
      }
      .seg.on {
        background: var(--accent);
      }
      .seg.off {
        background: var(--muted);
      }
      .seg.na {
        background: repeating-linear-gradient(45deg, var(--border), var(--border) 4px, transparent 4px, transparent 8px);
        color: var(--fg);
      }
      select[multiple] {
        min-height: 8rem;
        width: min(420px, 100%);
      }
      .u-legend {
        color: var(--fg);
      }
    `,
  ];

  protected hubConnected(): void {
    if (!this.selected.length) {
      const ids = Object.keys(this.hub.entities);
      const pick = ids
        .filter((id) => ["sensor", "binary_sensor", "lock", "light"].includes(domainOf(id)))
        .sort()
        .slice(0, DEFAULT_ENTITY_LIMIT);
      this.selected = pick;
    }
    void this.load();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.charts.forEach((c) => c.destroy());
    this.charts = [];
  }

  private async load(): Promise<void> {
    if (!this.selected.length) {
      this.data = {};
      return;
    }
    try {
      this.data = await this.hub.call<Record<string, Row[]>>({
        type: "history/history_during_period",
        start_time: new Date(Date.now() - this.hours * 3600_000).toISOString(),
        entity_ids: this.selected,
        minimal_response: true,
        no_attributes: true,
        significant_changes_only: false,
      });
      this.error = "";
    } catch (err) {
      this.data = null;
      this.error = isUnknownCommand(err)
        ? unavailable("History (the recorder)")
        : `The hub could not read the history: ${errorText(err)}`;
    }
  }

  protected async updated(): Promise<void> {
    this.charts.forEach((c) => c.destroy());
    this.charts = [];
    if (!this.data) return;
    const targets = this.renderRoot.querySelectorAll<HTMLElement>("[data-chart]");
    if (!targets.length) return;
    const { default: uPlot } = await import("uplot");
    const style = getComputedStyle(this);
    const stroke = style.getPropertyValue("--accent").trim() || "#1d5fa8";
    const axis = style.getPropertyValue("--muted").trim() || "#666";
    for (const target of targets) {
      const id = target.dataset.chart!;
      const rows = this.data[id] ?? [];
      const xs = rows.map((r) => r.lu ?? r.lc ?? 0);
      const ys = rows.map((r) => (Number.isFinite(Number(r.s)) ? Number(r.s) : null));
      const width = Math.max(240, target.clientWidth - 4);
      const unit = String(this.hub.entities[id]?.attributes.unit_of_measurement ?? "");
      this.charts.push(
        new uPlot(
          {
            width,
            height: 180,
            series: [{}, { label: unit || id, stroke, width: 2, spanGaps: false }],
            axes: [{ stroke: axis }, { stroke: axis }],
            legend: { show: false },
          },
          [xs, ys],
          target,
        ),
      );
    }
  }

  private renderTimeline(id: string, rows: Row[]) {
    const end = Date.now() / 1000;
    const start = end - this.hours * 3600;
    const segs = rows.map((r, i) => {
      const from = Math.max(start, r.lu ?? r.lc ?? start);
      const next = rows[i + 1];
      const to = next ? (next.lu ?? next.lc ?? end) : end;
      return { state: r.s, width: Math.max(0, ((to - from) / (end - start)) * 100) };
    });
    return html`<div class="timeline" role="img" aria-label="Timeline of ${this.hub.name(id)}">
      ${segs.map(
        (s) => html`<div
          class="seg ${["on", "open", "unlocked", "home"].includes(s.state) ? "on" : s.state === "unavailable" || s.state === "unknown" ? "na" : "off"}"
          style="width:${s.width.toFixed(3)}%"
          title=${s.state}
        >
          ${s.width > 8 ? s.state : ""}
        </div>`,
      )}
    </div>`;
  }

  render() {
    const ids = Object.keys(this.hub.entities).sort();
    return html`
      <h1>History</h1>
      <div class="row card">
        <label
          >Entities
          <select
            multiple
            aria-label="Entities to show"
            @change=${(e: Event) => {
              this.selected = [...(e.target as HTMLSelectElement).selectedOptions].map((o) => o.value);
              void this.load();
            }}
          >
            ${ids.map((id) => html`<option value=${id} ?selected=${this.selected.includes(id)}>${this.hub.name(id)}</option>`)}
          </select>
        </label>
        <label
          >Period
          <select
            @change=${(e: Event) => {
              this.hours = Number((e.target as HTMLSelectElement).value);
              void this.load();
            }}
          >
            ${RANGES.map(([label, h]) => html`<option value=${h} ?selected=${h === this.hours}>${label}</option>`)}
          </select>
        </label>
      </div>
      ${this.error ? html`<p class="notice" data-testid="recorder-error">${this.error}</p>` : nothing}
      ${this.data
        ? this.selected.map((id) => {
            const rows = this.data![id] ?? [];
            return html`<section class="card chart">
              <h3>${this.hub.name(id)}</h3>
              ${!rows.length
                ? html`<p class="muted small">No history in this period.</p>`
                : isNumeric(rows)
                  ? html`<div data-chart=${id}></div>`
                  : this.renderTimeline(id, rows)}
            </section>`;
          })
        : nothing}
    `;
  }
}
customElements.define("bastion-history", HistoryView);

interface LogEntry {
  when: number;
  name?: string;
  message?: string;
  entity_id?: string;
  state?: string;
  context_user_name?: string;
  context_name?: string;
  context_event_type?: string;
}

export class LogbookView extends HubView {
  static properties = { ...HubView.properties, entries: { state: true }, error: { state: true }, hours: { state: true } };
  declare entries: LogEntry[] | null;
  declare error: string;
  declare hours: number;

  constructor() {
    super();
    this.entries = null;
    this.error = "";
    this.hours = 24;
  }

  protected hubConnected(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const entries = await this.hub.call<LogEntry[]>({
        type: "logbook/get_events",
        start_time: new Date(Date.now() - this.hours * 3600_000).toISOString(),
      });
      this.entries = [...entries].reverse();
      this.error = "";
    } catch (err) {
      this.entries = null;
      this.error = isUnknownCommand(err)
        ? unavailable("The logbook (the recorder)")
        : `The hub could not read the logbook: ${errorText(err)}`;
    }
  }

  render() {
    return html`
      <div class="row">
        <h1>Logbook</h1>
        <span class="spacer"></span>
        <select
          aria-label="Period"
          @change=${(e: Event) => {
            this.hours = Number((e.target as HTMLSelectElement).value);
            void this.load();
          }}
        >
          ${RANGES.map(([label, h]) => html`<option value=${h} ?selected=${h === this.hours}>${label}</option>`)}
        </select>
        <button @click=${() => this.load()}>Refresh</button>
      </div>
      ${this.error ? html`<p class="notice" data-testid="recorder-error">${this.error}</p>` : nothing}
      ${this.entries && !this.entries.length ? html`<p class="muted">Nothing happened in this period.</p>` : nothing}
      ${this.entries
        ? html`<div class="card"><table>
            <tbody>
              ${this.entries.map(
                (e) => html`<tr>
                  <td class="small muted" style="white-space:nowrap">${timeText(e.when)}</td>
                  <td>
                    <strong>${e.name ?? e.entity_id ?? ""}</strong> ${e.message ?? e.state ?? ""}
                    ${e.context_user_name
                      ? html` by <strong>${e.context_user_name}</strong>`
                      : e.context_name
                        ? html` <span class="muted">triggered by ${e.context_name}</span>`
                        : nothing}
                  </td>
                </tr>`,
              )}
            </tbody>
          </table></div>`
        : nothing}
    `;
  }
}
customElements.define("bastion-logbook", LogbookView);
