// Alarm keypad per area: mode, arm buttons, code entry, delays, not-ready list, force arm,
// the area's open incidents. Errors (wrong code, lockout, not ready, not allowed) show inline.
import { html, css, nothing } from "lit";
import type { HassEntity } from "home-assistant-js-websocket";
import { HubView } from "../lib/view";
import { shared } from "../lib/styles";
import { type AlarmError, alarmError } from "../lib/alarm";
import { domainOf, stateText } from "../lib/format";

const ARM_FEATURES: [string, string, number][] = [
  ["armed_away", "Arm away", 2],
  ["armed_home", "Arm home", 1],
  ["armed_night", "Arm night", 4],
  ["armed_vacation", "Arm vacation", 32],
];
const SERVICE_FOR: Record<string, string> = {
  armed_away: "alarm_arm_away",
  armed_home: "alarm_arm_home",
  armed_night: "alarm_arm_night",
  armed_vacation: "alarm_arm_vacation",
};
/** The alarm areas behind a panel: a master panel lists them, an area panel is named after its area. */
const areasOf = (panel: HassEntity): string[] => {
  const areas = panel.attributes.areas as Record<string, string> | undefined;
  return areas ? Object.keys(areas) : [panel.entity_id.split(".", 2)[1]];
};
const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"];

export class AlarmView extends HubView {
  static properties = {
    ...HubView.properties,
    selected: { state: true },
    code: { state: true },
    message: { state: true },
    failure: { state: true },
    busy: { state: true },
    tick: { state: true },
  };
  declare selected: string;
  declare code: string;
  declare message: string;
  /** The last command's error, as the hub reported it (null after a success). */
  declare failure: AlarmError | null;
  declare busy: boolean;
  declare tick: number;
  private timer = 0;
  /** The mode a not-ready arm asked for (offered again with the open sensors bypassed). */
  private forceMode = "";

  constructor() {
    super();
    this.selected = "";
    this.code = "";
    this.message = "";
    this.failure = null;
    this.busy = false;
    this.tick = 0;
  }

  static styles = [
    shared,
    css`
      .panels {
        display: flex;
        gap: 0.4rem;
        flex-wrap: wrap;
        margin-bottom: 0.8rem;
      }
      .panels button[aria-pressed="true"] {
        background: var(--accent);
        color: #fff;
        border-color: var(--accent);
      }
      .keypad-wrap {
        display: grid;
        grid-template-columns: minmax(260px, 380px) 1fr;
        gap: 1rem;
        align-items: start;
      }
      @media (max-width: 800px) {
        .keypad-wrap {
          grid-template-columns: 1fr;
        }
      }
      .status {
        font-size: 1.5rem;
        font-weight: 700;
        padding: 0.8rem;
        border-radius: 10px;
        text-align: center;
        background: var(--btn);
      }
      .status.disarmed {
        background: var(--ok);
        color: #fff;
      }
      .status.armed {
        background: var(--accent);
        color: #fff;
      }
      .status.pending,
      .status.arming {
        background: var(--warn);
        color: #fff;
      }
      .status.triggered {
        background: var(--danger);
        color: #fff;
        animation: pulse 1s infinite alternate;
      }
      @keyframes pulse {
        to {
          opacity: 0.7;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .status.triggered {
          animation: none;
        }
      }
      .keys {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 0.5rem;
        margin: 0.7rem 0;
      }
      .keys button {
        font-size: 1.4rem;
        min-height: 56px;
      }
      .code {
        width: 100%;
        font-size: 1.4rem;
        text-align: center;
        letter-spacing: 0.3em;
      }
      .actions {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0.5rem;
      }
      .actions .disarm {
        grid-column: 1 / -1;
      }
      .msg {
        margin: 0.6rem 0 0;
        font-weight: 600;
      }
      ul {
        margin: 0.3rem 0;
        padding-left: 1.2rem;
      }
    `,
  ];

  connectedCallback(): void {
    super.connectedCallback();
    void import("./incidents"); // <bastion-incidents> (a lazy chunk shared with the security center)
    this.timer = window.setInterval(() => (this.tick = Date.now()), 1000);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private panels(): HassEntity[] {
    return Object.values(this.hub.entities)
      .filter((s) => domainOf(s.entity_id) === "alarm_control_panel")
      .sort((a, b) => a.entity_id.localeCompare(b.entity_id));
  }

  private async send(panel: HassEntity, target: string, force = false): Promise<void> {
    this.busy = true;
    this.message = "";
    this.failure = null;
    const code = this.code || undefined;
    const data = { entity_id: panel.entity_id, ...(code ? { code } : {}) };
    try {
      // The alarm integration has no arm/disarm websocket commands: these services carry the
      // code, and their errors come back as structured websocket errors all the same.
      if (target === "disarmed") {
        await this.hub.callService("alarm_control_panel", "alarm_disarm", data);
        this.message = "Disarmed.";
      } else if (force) {
        await this.hub.callService("alarm", "arm", { ...data, mode: target, force: true });
        this.message = "Arming with open sensors bypassed.";
      } else {
        await this.hub.callService("alarm_control_panel", SERVICE_FOR[target], data);
        this.message = "Command accepted.";
      }
    } catch (err) {
      this.failure = alarmError(err, this.hub);
      this.message = this.failure.text;
      this.forceMode = target === "disarmed" ? "" : target;
    } finally {
      this.code = "";
      this.busy = false;
    }
    if (this.failure?.kind === "wrong_code") {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>("#code")?.focus();
    }
  }

  private press(key: string): void {
    if (key === "clear") this.code = "";
    else if (key === "back") this.code = this.code.slice(0, -1);
    else if (this.code.length < 16) this.code += key;
  }

  private countdown(panel: HassEntity): string {
    const a = panel.attributes;
    const until = a.delay_until ?? a.expires_at;
    let seconds: number | null = null;
    if (typeof until === "string") seconds = (Date.parse(until) - Date.now()) / 1000;
    else if (typeof a.delay === "number") {
      seconds = a.delay - (Date.now() - Date.parse(panel.last_changed)) / 1000;
    }
    void this.tick;
    return seconds !== null && Number.isFinite(seconds) ? `${Math.max(0, Math.ceil(seconds))} s` : "";
  }

  render() {
    const panels = this.panels();
    if (!panels.length) {
      return html`<h1>Alarm</h1>
        <p class="notice">No alarm panels on this hub. Configure the <code>alarm:</code> integration.</p>`;
    }
    const panel = panels.find((p) => p.entity_id === this.selected) ?? panels[0];
    return html`
      <h1>Alarm</h1>
      ${panels.length > 1
        ? html`<div class="panels" role="group" aria-label="Alarm areas">
            ${panels.map(
              (p) => html`<button
                aria-pressed=${p.entity_id === panel.entity_id ? "true" : "false"}
                @click=${() => {
                  this.selected = p.entity_id;
                  this.message = "";
                  this.failure = null;
                }}
              >
                ${this.hub.name(p.entity_id)} · ${stateText(p)}
              </button>`,
            )}
          </div>`
        : nothing}
      <div class="keypad-wrap">${this.renderKeypad(panel)} ${this.renderDetails(panel)}</div>
    `;
  }

  private renderKeypad(panel: HassEntity) {
    const state = panel.state;
    const cls = state.startsWith("armed") ? "armed" : state;
    const features = Number(panel.attributes.supported_features ?? 0);
    const arms = ARM_FEATURES.filter(([, , bit]) => !features || features & bit);
    const left = this.countdown(panel);
    const disarmed = state === "disarmed";
    return html`<div class="card" data-testid="keypad">
      <h2>${this.hub.name(panel.entity_id)}</h2>
      <div class="status ${cls}" role="status" aria-live="assertive" data-testid="alarm-state">
        ${stateText(panel)}${left ? html` · <span data-testid="countdown">${left}</span>` : nothing}
      </div>
      ${state === "arming"
        ? html`<p class="small">Exit delay running — leave now, or disarm.</p>`
        : state === "pending"
          ? html`<p class="small"><strong>Entry delay — enter your code to disarm.</strong></p>`
          : nothing}
      <label class="sr-only" for="code">Alarm code</label>
      <input
        id="code"
        class="code"
        type="password"
        inputmode="numeric"
        autocomplete="off"
        placeholder="Code"
        .value=${this.code}
        @input=${(e: Event) => (this.code = (e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === "Enter") void this.send(panel, disarmed ? "armed_away" : "disarmed");
        }}
      />
      <div class="keys" role="group" aria-label="Keypad">
        ${KEYS.map(
          (k) => html`<button
            ?disabled=${this.busy}
            aria-label=${k === "clear" ? "Clear code" : k === "back" ? "Delete last digit" : k}
            @click=${() => this.press(k)}
          >
            ${k === "clear" ? "C" : k === "back" ? "⌫" : k}
          </button>`,
        )}
      </div>
      <div class="actions">
        ${arms.map(
          ([mode, label]) => html`<button
            class=${state === mode ? "primary" : ""}
            ?disabled=${this.busy || !disarmed}
            @click=${() => this.send(panel, mode)}
          >
            ${label}
          </button>`,
        )}
        <button class="disarm danger" ?disabled=${this.busy || disarmed} @click=${() => this.send(panel, "disarmed")}>
          Disarm
        </button>
      </div>
      ${this.renderMessage(panel)}
    </div>`;
  }

  private renderMessage(panel: HassEntity) {
    if (!this.message) return nothing;
    const failure = this.failure;
    if (!failure) return html`<p class="msg" role="status" data-testid="alarm-message">${this.message}</p>`;
    const canForce = failure.kind === "not_ready" && failure.bypassable && panel.state === "disarmed" && this.forceMode;
    return html`<div class="msg error" role="alert" data-testid="alarm-message" data-kind=${failure.kind}>
      ${this.message}
      ${canForce
        ? html`<div>
            ${panel.attributes.code_arm_required === false
              ? nothing
              : html`<p class="small">Enter the code again to arm anyway.</p>`}
            <button class="force" ?disabled=${this.busy} @click=${() => this.send(panel, this.forceMode, true)}>
              Arm anyway (bypass open sensors)
            </button>
          </div>`
        : nothing}
    </div>`;
  }

  private renderDetails(panel: HassEntity) {
    const a = panel.attributes;
    const open = (a.open_sensors as string[] | undefined) ?? [];
    const bypassed = (a.bypassed_sensors as string[] | undefined) ?? [];
    const triggers = (a.trigger_sensors as string[] | undefined) ?? [];
    const names = (ids: string[]) =>
      html`<ul>
        ${ids.map((id) => html`<li>${this.hub.name(id)} <span class="muted small">(${id})</span></li>`)}
      </ul>`;
    return html`<div class="card">
      ${panel.state === "triggered"
        ? html`<h2 class="error">Alarm triggered</h2>
            ${triggers.length ? html`<p>Triggered by:</p>${names(triggers)}` : html`<p>Trigger source unknown.</p>`}`
        : nothing}
      <h3>Ready to arm</h3>
      ${open.length
        ? html`<p class="error">Not ready — open sensors:</p>
            ${names(open)}
            ${panel.state === "disarmed"
              ? html`<button @click=${() => this.send(panel, "armed_away", true)}>
                  Force arm away (bypass open sensors)
                </button>`
              : nothing}`
        : html`<p>All sensors are closed.</p>`}
      ${bypassed.length ? html`<h3>Bypassed</h3>${names(bypassed)}` : nothing}
      ${a.changed_by ? html`<p class="small muted">Last changed by ${a.changed_by}</p>` : nothing}
      <bastion-incidents .hub=${this.hub} .areas=${areasOf(panel)} compact data-testid="keypad-incidents"></bastion-incidents>
    </div>`;
  }
}
customElements.define("bastion-alarm", AlarmView);
