// Alarm incidents (alarm/incidents): escalation tier, notification deliveries, Acknowledge.
import { html, css, nothing } from "lit";
import { HubView, unavailable } from "../lib/view";
import { shared } from "../lib/styles";
import { isUnknownCommand } from "../lib/hub";
import { relativeTime, timeText } from "../lib/format";
import { type Incident, acknowledgedBy, acknowledgeIncident, alarmError, incidentKind, listIncidents } from "../lib/alarm";

// Deliveries are recorded after a tier's notifications went out, so the list is also polled.
const REFRESH_MS = 5000;
const RECENT_ACKNOWLEDGED = 5;

/** `<bastion-incidents>`: the open incidents (of `areas`, if any are given). `compact` shows
 * only active ones and renders nothing when there are none (the keypad uses it). */
export class IncidentList extends HubView {
  static properties = {
    ...HubView.properties,
    areas: { attribute: false },
    compact: { type: Boolean },
    incidents: { state: true },
    loadError: { state: true },
    busy: { state: true },
    outcome: { state: true },
  };
  declare areas: string[];
  declare compact: boolean;
  declare incidents: Incident[] | null;
  declare loadError: string;
  declare busy: string;
  /** Per incident: the result of the last Acknowledge press ({ok, text}). */
  declare outcome: Record<string, { ok: boolean; text: string }>;
  private timer = 0;
  private panelKey = "";
  private unsubEvents: (() => void) | null = null;

  constructor() {
    super();
    this.areas = [];
    this.compact = false;
    this.incidents = null;
    this.loadError = "";
    this.busy = "";
    this.outcome = {};
  }

  static styles = [
    shared,
    css`
      article {
        border-left: 4px solid var(--danger);
        padding: 0.5rem 0.7rem;
        margin: 0.5rem 0;
        background: var(--bg);
        border-radius: 6px;
      }
      article.acknowledged {
        border-color: var(--ok);
      }
      h3 {
        margin: 0;
        font-size: 1rem;
      }
      .meta {
        margin: 0.2rem 0 0.4rem;
      }
      ul {
        list-style: none;
        margin: 0.3rem 0;
        padding: 0;
      }
      li {
        margin: 0.2rem 0;
        overflow-wrap: anywhere;
      }
      .badge.ok {
        background: var(--ok);
        border-color: var(--ok);
        color: #fff;
      }
      details {
        margin-top: 0.5rem;
      }
      summary {
        cursor: pointer;
        padding: 0.3rem 0;
      }
    `,
  ];

  protected hubConnected(): void {
    void this.load();
    this.timer = window.setInterval(() => void this.load(), REFRESH_MS);
    // Tier changes arrive at once for admins; other users see them on the next poll.
    if (this.hub.user?.is_admin) {
      this.hub.conn
        .subscribeEvents(() => void this.load(), "alarm_escalation")
        .then((unsub) => (this.unsubEvents = unsub))
        .catch(() => undefined);
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.unsubEvents?.();
    this.unsubEvents = null;
  }

  protected willUpdate(): void {
    // A panel that triggers or disarms opens or resolves incidents: reload right away.
    const key = Object.values(this.hub.entities)
      .filter((s) => s.entity_id.startsWith("alarm_control_panel."))
      .map((s) => `${s.entity_id}=${s.state}`)
      .join();
    if (key !== this.panelKey) {
      const first = this.panelKey === "";
      this.panelKey = key;
      if (!first) void this.load();
    }
  }

  private async load(): Promise<void> {
    try {
      const all = await listIncidents(this.hub);
      this.incidents = all
        .filter((i) => i.status !== "resolved")
        .sort((a, b) => b.started.localeCompare(a.started));
      this.loadError = "";
    } catch (err) {
      this.incidents = null;
      this.loadError = isUnknownCommand(err) ? unavailable("The incident list (alarm/incidents)") : alarmError(err).text;
    }
  }

  private async acknowledge(incident: Incident): Promise<void> {
    this.busy = incident.incident_id;
    let result: { ok: boolean; text: string };
    try {
      const done = await acknowledgeIncident(this.hub, incident.incident_id);
      result = done.length
        ? { ok: true, text: "Acknowledged — escalation stopped." }
        : { ok: true, text: "Already acknowledged." };
    } catch (err) {
      const error = alarmError(err);
      result = { ok: false, text: error.kind === "not_found" ? "This incident is no longer open." : error.text };
    }
    this.outcome = { ...this.outcome, [incident.incident_id]: result };
    this.busy = "";
    await this.load();
  }

  private areaName(area: string): string {
    const panel = `alarm_control_panel.${area}`;
    return this.hub.entities[panel] ? this.hub.name(panel) : area.replace(/_/g, " ");
  }

  render() {
    if (this.loadError) return this.compact ? nothing : html`<p class="muted" data-testid="incident-error">${this.loadError}</p>`;
    if (this.incidents === null) return this.compact ? nothing : html`<p class="muted">Loading incidents…</p>`;
    const mine = this.incidents.filter((i) => !this.areas.length || this.areas.includes(i.area));
    const active = mine.filter((i) => i.status === "active");
    const done = mine.filter((i) => i.status !== "active");
    // Keep an incident acknowledged here in view so its outcome stays next to it.
    const shown = [...active, ...done.filter((i) => this.outcome[i.incident_id])];
    const older = done.filter((i) => !this.outcome[i.incident_id]).slice(0, RECENT_ACKNOWLEDGED);
    if (this.compact) return shown.length ? shown.map((i) => this.renderIncident(i)) : nothing;
    return html`
      ${shown.length
        ? shown.map((i) => this.renderIncident(i))
        : html`<p data-testid="no-incidents">No open incidents.</p>`}
      ${older.length
        ? html`<details>
            <summary>Acknowledged incidents (${older.length}${done.length > older.length ? ` of ${done.length}` : ""})</summary>
            ${older.map((i) => this.renderIncident(i))}
          </details>`
        : nothing}
    `;
  }

  private renderIncident(i: Incident) {
    const id = `incident-${i.incident_id}`;
    const isActive = i.status === "active";
    const outcome = this.outcome[i.incident_id];
    const tiers = [...new Set(i.deliveries.map((d) => d.tier))];
    const pending = isActive && i.tier >= 0 && !tiers.includes(i.tier);
    return html`<article
      class=${isActive ? "" : "acknowledged"}
      aria-labelledby=${id}
      data-testid="incident"
      data-status=${i.status}
    >
      <h3 id=${id}>
        ${incidentKind(i.kind)} in ${this.areaName(i.area)}${i.sensor ? html` · ${i.sensor}` : nothing}
        ${i.confirmed ? nothing : html`<span class="badge">Unconfirmed</span>`}
      </h3>
      <div class="meta small muted">
        <span title=${relativeTime(i.started)}>Started ${timeText(i.started)}</span> ·
        <span data-testid="incident-tier">${this.tierText(i)}</span>
        ${isActive ? nothing : html` · <span>acknowledged by ${acknowledgedBy(this.hub, i.acknowledged_by)}</span>`}
      </div>
      ${i.deliveries.length || pending
        ? html`<ul aria-label="Notification deliveries" data-testid="deliveries">
            ${i.deliveries.map(
              (d) => html`<li>
                <span class="badge ${d.status === "delivered" ? "ok" : "bad"}">${d.status === "delivered" ? "Delivered" : "Failed"}</span>
                Tier ${d.tier + 1} · ${d.channel}${d.error ? html` <span class="muted">— ${d.error}</span>` : nothing}
              </li>`,
            )}
            ${pending ? html`<li class="muted">Tier ${i.tier + 1}: notifications going out…</li>` : nothing}
          </ul>`
        : nothing}
      ${isActive
        ? html`<button class="primary" ?disabled=${this.busy === i.incident_id} @click=${() => this.acknowledge(i)}>
            Acknowledge
          </button>`
        : nothing}
      ${outcome
        ? html`<p class=${outcome.ok ? "small" : "small error"} role=${outcome.ok ? "status" : "alert"} data-testid="ack-message">
            ${outcome.text}
          </p>`
        : nothing}
    </article>`;
  }

  private tierText(i: Incident): string {
    if (!i.policy) return "no escalation policy";
    if (i.tier < 0) return "escalation starting";
    const tier = `escalation tier ${i.tier + 1}`;
    return i.status === "active" ? tier : `${tier} (stopped)`;
  }
}
customElements.define("bastion-incidents", IncidentList);
