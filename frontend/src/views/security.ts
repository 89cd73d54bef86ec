// Security center: incidents (escalation, deliveries, acknowledge), alarms, openings, bypasses,
// playbooks and the audit log.
import { html, css, nothing } from "lit";
import type { HassEntity } from "home-assistant-js-websocket";
import { HubView, unavailable } from "../lib/view";
import { shared } from "../lib/styles";
import { errorText, isUnknownCommand } from "../lib/hub";
import { alarmStateText, domainOf, stateText, timeText } from "../lib/format";
import { type LivePanel, type Playbook, PLAYBOOK_TITLES, listPlaybooks, subscribePanels } from "../lib/alarm";

interface AuditEntry {
  seq?: number;
  time?: string;
  ts?: string;
  action?: string;
  user_id?: string | null;
  username?: string | null;
  target?: string | null;
  outcome?: string;
  details?: Record<string, unknown>;
}

const OPENING_CLASSES = new Set(["door", "window", "garage_door", "opening"]);
const PLAYBOOK_REFRESH_MS = 5000;
const AUDIT_LIMIT = 100;

export class SecurityView extends HubView {
  static properties = {
    ...HubView.properties,
    audit: { state: true },
    auditError: { state: true },
    auditFilter: { state: true },
    playbooks: { state: true },
    playbookError: { state: true },
    panels: { state: true },
  };
  declare audit: AuditEntry[] | null;
  declare auditError: string;
  declare auditFilter: string;
  declare playbooks: Playbook[] | null;
  declare playbookError: string;
  /** Alarm panels the user may read, live from alarm/subscribe. */
  declare panels: LivePanel[];
  private refresh = 0;
  private unsubPlaybooks: (() => void) | null = null;
  private unsubPanels: (() => Promise<void>) | null = null;

  constructor() {
    super();
    this.audit = null;
    this.auditError = "";
    this.auditFilter = "";
    this.playbooks = null;
    this.playbookError = "";
    this.panels = [];
  }

  static styles = [
    shared,
    css`
      .cols {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr));
        gap: 0.8rem;
        margin-bottom: 0.8rem;
      }
      .incidents {
        margin-bottom: 0.8rem;
      }
      ul {
        margin: 0;
        padding-left: 1.1rem;
      }
      li {
        margin: 0.2rem 0;
      }
      .alert {
        border-left: 4px solid var(--danger);
        padding: 0.4rem 0.6rem;
        margin: 0.4rem 0;
        background: var(--bg);
        border-radius: 6px;
      }
      .table-wrap {
        overflow-x: auto;
      }
    `,
  ];

  protected hubConnected(): void {
    void import("./incidents"); // <bastion-incidents> (a lazy chunk shared with the keypad)
    void this.loadPlaybooks();
    void this.loadAudit();
    subscribePanels(this.hub, (panels) => (this.panels = panels))
      .then((unsubscribe) => {
        if (this.isConnected) this.unsubPanels = unsubscribe;
        else void unsubscribe();
      })
      .catch(() => undefined); // no alarm integration: no panels to show
    this.refresh = window.setInterval(() => void this.loadPlaybooks(), PLAYBOOK_REFRESH_MS);
    if (this.hub.user?.is_admin) {
      this.hub.conn
        .subscribeEvents(() => void this.loadPlaybooks(), "alarm_playbook")
        .then((unsub) => (this.unsubPlaybooks = unsub))
        .catch(() => undefined);
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.refresh);
    this.unsubPlaybooks?.();
    this.unsubPlaybooks = null;
    void this.unsubPanels?.().catch(() => undefined);
    this.unsubPanels = null;
  }

  private async loadPlaybooks(): Promise<void> {
    try {
      this.playbooks = await listPlaybooks(this.hub);
      this.playbookError = "";
    } catch (err) {
      this.playbooks = null;
      this.playbookError = isUnknownCommand(err) ? unavailable("Playbook status (alarm/playbooks)") : errorText(err);
    }
  }

  private async loadAudit(): Promise<void> {
    try {
      const filter = this.auditFilter.trim();
      this.audit = await this.hub.call<AuditEntry[]>({
        type: "audit/list",
        limit: AUDIT_LIMIT,
        ...(filter ? { action: filter } : {}),
      });
      this.auditError = "";
    } catch (err) {
      this.audit = null;
      this.auditError = isUnknownCommand(err) ? unavailable("The audit log viewer (audit/list)") : errorText(err);
    }
  }

  private list(filter: (s: HassEntity) => boolean): HassEntity[] {
    return Object.values(this.hub.entities).filter(filter);
  }

  render() {
    const panels = this.panels;
    const alarms = panels.filter((p) => p.state === "triggered" || p.state === "pending");
    const openings = this.list(
      (s) =>
        domainOf(s.entity_id) === "binary_sensor" &&
        OPENING_CLASSES.has(String(s.attributes.device_class)) &&
        s.state === "on",
    );
    const unlocked = this.list((s) => domainOf(s.entity_id) === "lock" && s.state !== "locked");
    const lifeSafety = this.list(
      (s) =>
        domainOf(s.entity_id) === "binary_sensor" &&
        ["smoke", "gas", "carbon_monoxide", "moisture", "tamper"].includes(String(s.attributes.device_class)) &&
        s.state === "on",
    );
    const bypassed = [...new Map(panels.flatMap((p) => p.bypassed_sensors.map((s) => [s.entity_id, s.name]))).values()];
    return html`
      <h1>Security center</h1>
      <section class="card incidents" aria-labelledby="incidents-h">
        <h2 id="incidents-h">Incidents</h2>
        <bastion-incidents .hub=${this.hub}></bastion-incidents>
      </section>
      <div class="cols">
        <section class="card" aria-labelledby="alarms-h">
          <h2 id="alarms-h">Active alarms and alerts</h2>
          ${alarms.map(
            (p) => html`<div class="alert"><strong>${p.name}</strong>: ${alarmStateText(p.state)}
              ${p.trigger_sensors.length
                ? html`<div class="small">Sensor: ${p.trigger_sensors.map((s) => s.name).join(", ")}</div>`
                : nothing}</div>`,
          )}
          ${lifeSafety.map((s) => html`<div class="alert"><strong>${this.hub.name(s.entity_id)}</strong>: ${stateText(s)}</div>`)}
          ${!alarms.length && !lifeSafety.length ? html`<p data-testid="all-clear">No active alarms.</p>` : nothing}
        </section>
        <section class="card" aria-labelledby="open-h">
          <h2 id="open-h">Open doors and windows</h2>
          ${openings.length
            ? html`<ul>${openings.map((s) => html`<li>${this.hub.name(s.entity_id)} — ${stateText(s)}</li>`)}</ul>`
            : html`<p>All closed.</p>`}
          <h3 style="margin-top:0.8rem">Unlocked locks</h3>
          ${unlocked.length
            ? html`<ul>${unlocked.map((s) => html`<li>${this.hub.name(s.entity_id)} — ${stateText(s)}</li>`)}</ul>`
            : html`<p>All locked.</p>`}
        </section>
        <section class="card" aria-labelledby="bypass-h">
          <h2 id="bypass-h">Bypassed sensors</h2>
          ${bypassed.length
            ? html`<ul>${bypassed.map((name) => html`<li>${name}</li>`)}</ul>`
            : html`<p>None.</p>`}
          <h3 style="margin-top:0.8rem">Life-safety playbooks</h3>
          ${this.renderPlaybooks()}
        </section>
      </div>
      <section class="card" aria-labelledby="audit-h">
        <div class="row">
          <h2 id="audit-h">Audit log</h2>
          <span class="spacer"></span>
          <input
            type="search"
            placeholder="Filter by action (e.g. login)"
            aria-label="Filter audit log by action"
            .value=${this.auditFilter}
            @change=${(e: Event) => {
              this.auditFilter = (e.target as HTMLInputElement).value;
              void this.loadAudit();
            }}
          />
        </div>
        ${this.auditError ? html`<p class="muted">${this.auditError}</p>` : nothing}
        ${this.audit
          ? html`<div class="table-wrap"><table>
              <thead><tr><th>Time</th><th>Action</th><th>Who</th><th>Target</th><th>Outcome</th></tr></thead>
              <tbody>
                ${this.audit.map(
                  (e) => html`<tr>
                    <td>${timeText(e.time ?? e.ts ?? "")}</td>
                    <td>${e.action}</td>
                    <td>${e.username ?? e.user_id ?? "—"}</td>
                    <td>${e.target ?? "—"}</td>
                    <td>${e.outcome ?? ""}</td>
                  </tr>`,
                )}
              </tbody>
            </table></div>`
          : nothing}
      </section>
    `;
  }

  private renderPlaybooks() {
    if (this.playbookError) return html`<p class="muted">${this.playbookError}</p>`;
    if (!this.playbooks) return nothing;
    if (!this.playbooks.length) return html`<p>None configured.</p>`;
    return html`<ul data-testid="playbooks">
      ${this.playbooks.map(
        (p) => html`<li data-playbook=${p.playbook}>
          <strong>${PLAYBOOK_TITLES[p.playbook] ?? p.playbook}</strong> —
          ${p.active ? html`<span class="badge bad">Active</span>` : html`<span class="badge">Idle</span>`}
          ${p.holding.length
            ? html`<div class="small">Holding ${p.holding.map((id) => this.hub.name(id)).join(", ")}</div>`
            : nothing}
          ${p.triggers.length ? html`<div class="small muted">Starts on: ${p.triggers.join(", ").replace(/_/g, " ")}</div>` : nothing}
        </li>`,
      )}
    </ul>`;
  }
}
customElements.define("bastion-security", SecurityView);
