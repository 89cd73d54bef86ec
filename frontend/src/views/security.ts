// Security center: alarms and incidents with acknowledge, open openings, bypasses, playbooks, audit.
import { html, css, nothing } from "lit";
import type { HassEntity } from "home-assistant-js-websocket";
import { HubView, unavailable } from "../lib/view";
import { shared } from "../lib/styles";
import { errorText, isUnknownCommand } from "../lib/hub";
import { domainOf, relativeTime, stateText, timeText } from "../lib/format";

interface Incident {
  incident_id: string;
  area?: string;
  kind?: string;
  sensor?: string | null;
  started?: string;
  status?: string;
  tier?: number;
  acknowledged_by?: string | null;
}
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
const INCIDENT_REFRESH_MS = 5000;
const AUDIT_LIMIT = 100;

export class SecurityView extends HubView {
  static properties = {
    ...HubView.properties,
    incidents: { state: true },
    incidentError: { state: true },
    audit: { state: true },
    auditError: { state: true },
    auditFilter: { state: true },
    message: { state: true },
    playbooks: { state: true },
  };
  declare incidents: Incident[] | null;
  declare incidentError: string;
  declare audit: AuditEntry[] | null;
  declare auditError: string;
  declare auditFilter: string;
  declare message: string;
  declare playbooks: Record<string, string>;
  private refresh = 0;
  private unsubPlaybooks: (() => void) | null = null;

  constructor() {
    super();
    this.incidents = null;
    this.incidentError = "";
    this.audit = null;
    this.auditError = "";
    this.auditFilter = "";
    this.message = "";
    this.playbooks = {};
  }

  static styles = [
    shared,
    css`
      .cols {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
        gap: 0.8rem;
        margin-bottom: 0.8rem;
      }
      ul {
        margin: 0;
        padding-left: 1.1rem;
      }
      li {
        margin: 0.2rem 0;
      }
      .incident {
        border-left: 4px solid var(--danger);
        padding: 0.4rem 0.6rem;
        margin: 0.4rem 0;
        background: var(--bg);
        border-radius: 6px;
      }
      .incident.acknowledged {
        border-color: var(--ok);
      }
      .table-wrap {
        overflow-x: auto;
      }
    `,
  ];

  protected hubConnected(): void {
    void this.loadIncidents();
    void this.loadAudit();
    this.refresh = window.setInterval(() => void this.loadIncidents(), INCIDENT_REFRESH_MS);
    this.hub.conn
      .subscribeEvents<{ data: { playbook: string; status: string } }>(
        (ev) => (this.playbooks = { ...this.playbooks, [ev.data.playbook]: ev.data.status }),
        "alarm_playbook",
      )
      .then((unsub) => (this.unsubPlaybooks = unsub))
      .catch(() => undefined);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.refresh);
    this.unsubPlaybooks?.();
  }

  private async loadIncidents(): Promise<void> {
    try {
      const result = await this.hub.callService("alarm", "incidents", {}, true);
      const response = result.response as { incidents?: Incident[] } | undefined;
      this.incidents = response?.incidents ?? [];
      this.incidentError = "";
    } catch (err) {
      this.incidents = null;
      this.incidentError = /not found/i.test(errorText(err))
        ? unavailable("The incident list (alarm.incidents)")
        : errorText(err);
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

  private async acknowledge(incident?: Incident): Promise<void> {
    this.message = "";
    try {
      await this.hub.callService("alarm", "acknowledge", incident ? { incident_id: incident.incident_id } : {});
      this.message = "Acknowledged.";
      await this.loadIncidents();
    } catch (err) {
      this.message = errorText(err);
    }
  }

  private list(filter: (s: HassEntity) => boolean): HassEntity[] {
    return Object.values(this.hub.entities).filter(filter);
  }

  render() {
    const panels = this.list((s) => domainOf(s.entity_id) === "alarm_control_panel");
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
    const bypassed = [...new Set(panels.flatMap((p) => (p.attributes.bypassed_sensors as string[]) ?? []))];
    const openIncidents = (this.incidents ?? []).filter((i) => i.status !== "closed");
    return html`
      <h1>Security center</h1>
      <div class="cols">
        <section class="card" aria-labelledby="alarms-h">
          <h2 id="alarms-h">Active alarms and alerts</h2>
          ${alarms.map(
            (p) => html`<div class="incident"><strong>${this.hub.name(p.entity_id)}</strong>: ${stateText(p)}
              ${(p.attributes.trigger_sensors as string[] | undefined)?.length
                ? html`<div class="small">Sensor: ${(p.attributes.trigger_sensors as string[]).map((id) => this.hub.name(id)).join(", ")}</div>`
                : nothing}</div>`,
          )}
          ${lifeSafety.map((s) => html`<div class="incident"><strong>${this.hub.name(s.entity_id)}</strong>: ${stateText(s)}</div>`)}
          ${this.incidentError ? html`<p class="muted small">${this.incidentError}</p>` : nothing}
          ${openIncidents.map(
            (i) => html`<div class="incident ${i.acknowledged_by ? "acknowledged" : ""}" data-testid="incident">
              <div><strong>${i.kind ?? "Incident"}</strong> in ${i.area ?? "?"}
                ${i.sensor ? html`· ${this.hub.name(i.sensor)}` : nothing}</div>
              <div class="small muted">
                ${i.started ? html`started ${relativeTime(i.started)}` : nothing} · ${i.status ?? ""}
                ${i.tier !== undefined && i.tier >= 0 ? html`· escalation tier ${i.tier + 1}` : nothing}
                ${i.acknowledged_by ? html`· acknowledged by ${i.acknowledged_by}` : nothing}
              </div>
              ${i.acknowledged_by
                ? nothing
                : html`<button class="primary" @click=${() => this.acknowledge(i)}>Acknowledge</button>`}
            </div>`,
          )}
          ${!alarms.length && !lifeSafety.length && !openIncidents.length
            ? html`<p data-testid="all-clear">No active alarms.</p>`
            : nothing}
          ${this.message ? html`<p role="status" data-testid="ack-message">${this.message}</p>` : nothing}
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
            ? html`<ul>${bypassed.map((id) => html`<li>${this.hub.name(id)}</li>`)}</ul>`
            : html`<p>None.</p>`}
          <h3 style="margin-top:0.8rem">Life-safety playbooks</h3>
          ${Object.entries(this.playbooks).filter(([, status]) => status === "running").length
            ? html`<ul>
                ${Object.entries(this.playbooks)
                  .filter(([, status]) => status === "running")
                  .map(([name]) => html`<li><strong>${name}</strong> running</li>`)}
              </ul>`
            : html`<p>None running (since this page opened).</p>`}
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
}
customElements.define("bastion-security", SecurityView);
